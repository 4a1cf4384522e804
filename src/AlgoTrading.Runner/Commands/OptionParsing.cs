using AlgoTrading.Domain;
using AlgoTrading.Workflows;

namespace AlgoTrading.Runner.Commands;

/// <summary>Option values shared by several commands; the parsing itself is the library's (<see cref="CommandLineValues"/>).</summary>
internal static class OptionParsing
{
    /// <summary><c>bid</c>, <c>ask</c>, <c>mid</c> or <c>trade</c>; null when the option was not given.</summary>
    public static PriceSource? Price(string? text) => CommandLineValues.Price(text);

    /// <summary>Repeated <c>key=value</c> items (e.g. <c>--param fast=10</c>, <c>--with GBP_USD=file</c>).</summary>
    public static Dictionary<string, string> Pairs(string[]? items, string option) => CommandLineValues.Pairs(items, option);
}
