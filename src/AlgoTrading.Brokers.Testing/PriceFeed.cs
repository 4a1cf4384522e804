using System.Globalization;
using AlgoTrading.Data.Synthetic;

namespace AlgoTrading.Brokers.Testing;

/// <summary>
/// The fake server's quotes: each instrument steps through a fixed bid/ask series. EUR_USD replays
/// the OANDA tick file and DE30_EUR the DAX minute quotes from <c>shared/data</c> when present;
/// everything else (and everything when shared data is absent) is a seeded random walk. One step
/// moves every instrument to its next quote (wrapping at the end).
/// </summary>
public sealed class PriceFeed
{
    private readonly Dictionary<string, (decimal[] Bid, decimal[] Ask)> _series = new(StringComparer.Ordinal);
    private long _step;

    /// <summary>Builds the series; <paramref name="sharedData"/> is the <c>shared/data</c> folder or null.</summary>
    public PriceFeed(IReadOnlyList<FakeInstrument> instruments, string? sharedData, int seed, int syntheticLength = 20_000)
    {
        foreach (var instrument in instruments)
        {
            var file = sharedData is null ? null : instrument.Name switch
            {
                "EUR_USD" => Path.Combine(sharedData, "market/forex/oanda/tick/eurusd_tick_quote_20140505.csv"),
                "DE30_EUR" => Path.Combine(sharedData, "market/cfd/oanda/minute/de30eur_minute_quote_201902.csv"),
                _ => null,
            };
            _series[instrument.Name] = file is not null && File.Exists(file) ? Read(file, instrument.DisplayPrecision) : Synthetic(instrument, seed, syntheticLength);
            Sources[instrument.Name] = file is not null && File.Exists(file) ? Path.GetFileName(file) : "synthetic";
        }
    }

    /// <summary>Uses exactly the given bid/ask series (tests that work prices out by hand); other instruments get synthetic ones.</summary>
    public PriceFeed(IReadOnlyList<FakeInstrument> instruments, IReadOnlyDictionary<string, (decimal[] Bid, decimal[] Ask)> quotes, int seed)
        : this(instruments, (string?)null, seed)
    {
        foreach (var (name, series) in quotes)
        {
            if (series.Bid.Length == 0 || series.Bid.Length != series.Ask.Length) throw new ArgumentException($"quotes for {name}: bid and ask need the same, non-zero length");
            _series[name] = series;
            Sources[name] = "given";
        }
    }

    /// <summary>Where each instrument's quotes come from (a file name, <c>given</c> or <c>synthetic</c>).</summary>
    public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Steps taken so far.</summary>
    public long Step => Interlocked.Read(ref _step);

    /// <summary>The current bid and ask of <paramref name="instrument"/>.</summary>
    public (decimal Bid, decimal Ask) Quote(string instrument)
    {
        var (bid, ask) = _series[instrument];
        int i = (int)(Step % bid.Length);
        return (bid[i], ask[i]);
    }

    /// <summary>Moves every instrument <paramref name="steps"/> quotes on.</summary>
    public void Advance(int steps = 1) => Interlocked.Add(ref _step, steps);

    private static (decimal[], decimal[]) Read(string path, int precision)
    {
        var bids = new List<decimal>();
        var asks = new List<decimal>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()!.Split(',');
        int bid = Array.IndexOf(header, "bid") is var b and >= 0 ? b : Array.IndexOf(header, "bid_close");
        int ask = Array.IndexOf(header, "ask") is var a and >= 0 ? a : Array.IndexOf(header, "ask_close");
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            if (decimal.TryParse(fields[bid], NumberStyles.Float, CultureInfo.InvariantCulture, out var bv) &&
                decimal.TryParse(fields[ask], NumberStyles.Float, CultureInfo.InvariantCulture, out var av) && av >= bv)
            {
                bids.Add(Math.Round(bv, precision));
                asks.Add(Math.Round(av, precision));
            }
        }
        return ([.. bids], [.. asks]);
    }

    private static (decimal[], decimal[]) Synthetic(FakeInstrument instrument, int seed, int length)
    {
        ulong nameHash = instrument.Name.Aggregate(17UL, (h, c) => h * 31 + c); // string.GetHashCode differs per process
        var random = new SplitMix64((ulong)seed * 7919 + nameHash);
        var bids = new decimal[length];
        var asks = new decimal[length];
        double mid = (double)instrument.StartPrice, step = mid * 0.00005;
        for (int i = 0; i < length; i++)
        {
            mid += (random.NextDouble() - 0.5) * 2 * step;
            bids[i] = Math.Round((decimal)mid - instrument.Spread / 2, instrument.DisplayPrecision);
            asks[i] = bids[i] + instrument.Spread;
        }
        return (bids, asks);
    }
}
