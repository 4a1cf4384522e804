using System.CommandLine;
using AlgoTrading.Data.Processors;
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

    /// <summary><c>--policy</c>: what the shared validated loader does with bad rows (fail by default).</summary>
    public static Option<string> PolicyOption() => new("--policy") { Description = "What to do with bad rows: fail (default), drop, repair or keep (report only)", DefaultValueFactory = _ => "fail" };

    /// <summary><c>--spikes</c>: what to do with suspected spikes (kept by default; real jumps look the same).</summary>
    public static Option<string> SpikesOption() => new("--spikes") { Description = "What to do with suspected spikes: keep (default; real jumps look the same), drop or fail", DefaultValueFactory = _ => "keep" };

    /// <summary>Validation options from the <c>--policy</c> and <c>--spikes</c> values.</summary>
    public static ValidationOptions Validation(string policy, string spikes = "keep") => CommandLineValues.Validation(policy, spikes);

    /// <summary>An output file whose extension is one of <paramref name="extensions"/> (e.g. <c>.csv</c>); anything else is bad usage.</summary>
    public static string OutputFile(string path, string option, params string[] extensions) =>
        extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && Path.GetFileName(path).Length > 0 ? path
            : throw new ArgumentException($"{option} {path}: expected a {string.Join(" or ", extensions)} file");

    /// <summary>A finite number above <paramref name="above"/>, or null when the option was not given.</summary>
    public static double? Above(double? value, double above, string option) =>
        value is not { } v || (double.IsFinite(v) && v > above) ? value : throw new ArgumentException($"{option} {v}: expected a finite number above {above}");
}
