using AlgoTrading.Data.Processors;
using AlgoTrading.Domain;

namespace AlgoTrading.Workflows;

/// <summary>Command-line values several commands share, parsed one way everywhere; a bad value throws <see cref="ArgumentException"/> naming the option (exit code 2).</summary>
public static class CommandLineValues
{
    /// <summary><c>bid</c>, <c>ask</c>, <c>mid</c> or <c>trade</c>; null when not given.</summary>
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
    public static Dictionary<string, string> Pairs(IEnumerable<string>? items, string option)
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

    /// <summary>Validation options from the <c>--policy</c> and <c>--spikes</c> values (fail, drop, repair or keep).</summary>
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
}
