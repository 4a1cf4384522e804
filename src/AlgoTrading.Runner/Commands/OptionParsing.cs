using System.CommandLine;
using AlgoTrading.Data.Processors;
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

    /// <summary><c>--policy</c>: what the shared validated loader does with bad rows (fail by default).</summary>
    public static Option<string> PolicyOption() => new("--policy") { Description = "What to do with bad rows: fail (default), drop, repair or keep (report only)", DefaultValueFactory = _ => "fail" };

    /// <summary><c>--spikes</c>: what to do with suspected spikes (kept by default; real jumps look the same).</summary>
    public static Option<string> SpikesOption() => new("--spikes") { Description = "What to do with suspected spikes: keep (default; real jumps look the same), drop or fail", DefaultValueFactory = _ => "keep" };

    /// <summary>Validation options from the <c>--policy</c> and <c>--spikes</c> values.</summary>
    public static ValidationOptions Validation(string policy, string spikes = "keep") =>
        new ValidationOptions { Policy = Policy(policy, "--policy") }.WithSpikes(Policy(spikes, "--spikes"));

    private static ValidationPolicy Policy(string text, string option) => text.ToLowerInvariant() switch
    {
        "fail" => ValidationPolicy.Fail,
        "drop" => ValidationPolicy.Drop,
        "repair" => ValidationPolicy.Repair,
        "keep" => ValidationPolicy.Keep,
        _ => throw new ArgumentException($"{option} {text}: expected fail, drop, repair or keep"),
    };

    /// <summary>An output file whose extension is one of <paramref name="extensions"/> (e.g. <c>.csv</c>); anything else is bad usage.</summary>
    public static string OutputFile(string path, string option, params string[] extensions) =>
        extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && Path.GetFileName(path).Length > 0 ? path
            : throw new ArgumentException($"{option} {path}: expected a {string.Join(" or ", extensions)} file");

    /// <summary>A finite number above <paramref name="above"/>, or null when the option was not given.</summary>
    public static double? Above(double? value, double above, string option) =>
        value is not { } v || (double.IsFinite(v) && v > above) ? value : throw new ArgumentException($"{option} {v}: expected a finite number above {above}");
}
