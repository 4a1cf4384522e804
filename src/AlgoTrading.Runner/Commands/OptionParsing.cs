using AlgoTrading.Domain;

namespace AlgoTrading.Runner.Commands;

/// <summary>Parsing of option values shared by several commands, so each spelling is accepted the same way everywhere.</summary>
internal static class OptionParsing
{
    /// <summary><c>bid</c>, <c>ask</c>, <c>mid</c> or <c>trade</c>; null when the option was not given.</summary>
    public static PriceSource? Price(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "bid" => PriceSource.Bid,
        "ask" => PriceSource.Ask,
        "mid" => PriceSource.Mid,
        "trade" => PriceSource.Trade,
        _ => throw new ArgumentException($"--price {text}: expected bid, ask, mid or trade"),
    };

    /// <summary>Repeated <c>key=value</c> items (e.g. <c>--param fast=10</c>, <c>--with GBP_USD=file</c>).</summary>
    public static Dictionary<string, string> Pairs(string[]? items, string option)
    {
        var result = new Dictionary<string, string>();
        foreach (var item in items ?? [])
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"{option} {item}: expected key=value");
            result[item[..eq]] = item[(eq + 1)..];
        }
        return result;
    }
}
