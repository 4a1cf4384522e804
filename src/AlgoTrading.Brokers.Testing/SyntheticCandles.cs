using System.Globalization;
using System.Text.Json.Nodes;

namespace AlgoTrading.Brokers.Testing;

/// <summary>
/// Candles for any time range, the same on every request: each period's mid open is a pure
/// function of the instrument and the period start, so overlapping or repeated pages agree (the
/// property a resumable download relies on). There is no weekend closure (so tests do not depend on
/// the day they run); daily candles start at 17:00 New York like OANDA's; the still-forming last
/// period is <c>complete: false</c>.
/// </summary>
public static class SyntheticCandles
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The most candles one request may ask for (as on v20).</summary>
    public const int MaxCount = 5000;

    /// <summary>The period of a v20 granularity, or null when unsupported here.</summary>
    public static TimeSpan? Period(string granularity) => granularity switch
    {
        "S5" => TimeSpan.FromSeconds(5), "M1" => TimeSpan.FromMinutes(1), "M5" => TimeSpan.FromMinutes(5), "M15" => TimeSpan.FromMinutes(15),
        "H1" => TimeSpan.FromHours(1), "H4" => TimeSpan.FromHours(4), "D" => TimeSpan.FromDays(1), _ => null,
    };

    /// <summary>
    /// The candles starting at or after <paramref name="from"/>: up to <paramref name="count"/>, or all
    /// before <paramref name="to"/>. <paramref name="price"/> letters: M (mid), B (bid), A (ask).
    /// </summary>
    public static JsonObject Page(FakeInstrument instrument, string granularity, string price, DateTime from, DateTime? to, int count, DateTime nowUtc)
    {
        var period = Period(granularity)!.Value;
        var candles = new JsonArray();
        var start = Align(from, granularity, period);
        if (start < from) start = Next(start, granularity, period);
        while (candles.Count < count && (to is null || start < to) && start <= nowUtc)
        {
            var end = Next(start, granularity, period);
            candles.Add(Candle(instrument, start, end, price, complete: end <= nowUtc));
            start = end;
        }
        return new JsonObject { ["instrument"] = instrument.Name, ["granularity"] = granularity, ["candles"] = candles };
    }

    private static DateTime Align(DateTime t, string granularity, TimeSpan period)
    {
        if (granularity != "D") return new DateTime(t.Ticks / period.Ticks * period.Ticks, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(t, NewYork);
        var day = local.Hour >= 17 ? local.Date.AddHours(17) : local.Date.AddDays(-1).AddHours(17);
        return TimeZoneInfo.ConvertTimeToUtc(day, NewYork);
    }

    private static DateTime Next(DateTime start, string granularity, TimeSpan period) =>
        granularity != "D" ? start + period
            : TimeZoneInfo.ConvertTimeToUtc(TimeZoneInfo.ConvertTimeFromUtc(start, NewYork).AddDays(1), NewYork);

    private static JsonObject Candle(FakeInstrument instrument, DateTime start, DateTime end, string price, bool complete)
    {
        decimal open = Mid(instrument, start), close = Mid(instrument, end);
        decimal wiggle = instrument.StartPrice * 0.0002m * (decimal)Noise(instrument, start.Ticks ^ 0x5bd1e995);
        decimal high = Math.Max(open, close) + Math.Abs(wiggle), low = Math.Min(open, close) - Math.Abs(wiggle) / 2;
        var candle = new JsonObject
        {
            ["complete"] = complete,
            ["volume"] = 10 + (int)(Noise(instrument, start.Ticks) * 90 + 90),
            ["time"] = start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z",
        };
        decimal half = instrument.Spread / 2;
        if (price.Contains('M')) candle["mid"] = Ohlc(instrument, open, high, low, close);
        if (price.Contains('B')) candle["bid"] = Ohlc(instrument, open - half, high - half, low - half, close - half);
        if (price.Contains('A')) candle["ask"] = Ohlc(instrument, open + half, high + half, low + half, close + half);
        return candle;
    }

    private static JsonObject Ohlc(FakeInstrument i, decimal o, decimal h, decimal l, decimal c)
    {
        string F(decimal v) => Math.Round(v, i.DisplayPrecision).ToString("F" + i.DisplayPrecision, CultureInfo.InvariantCulture);
        return new JsonObject { ["o"] = F(o), ["h"] = F(h), ["l"] = F(l), ["c"] = F(c) };
    }

    /// <summary>A smooth wave plus hashed noise: any instant maps to one price.</summary>
    private static decimal Mid(FakeInstrument i, DateTime t)
    {
        double days = (t - DateTime.UnixEpoch).TotalDays;
        double wave = Math.Sin(days / 9) * 0.02 + Math.Sin(days * 7) * 0.002;
        return i.StartPrice * (decimal)(1 + wave + Noise(i, t.Ticks) * 0.0003);
    }

    /// <summary>A deterministic value in [-1, 1) from the instrument and a number.</summary>
    private static double Noise(FakeInstrument i, long x)
    {
        ulong h = (ulong)x * 0x9E3779B97F4A7C15UL ^ (ulong)i.Name.Length * 0xBF58476D1CE4E5B9UL ^ i.Name[0];
        h ^= h >> 31; h *= 0x94D049BB133111EBUL; h ^= h >> 29;
        return (h >> 11) * (2.0 / (1UL << 53)) - 1;
    }
}
