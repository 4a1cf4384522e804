using AlgoTrading.Time;

namespace AlgoTrading.Reporting;

/// <summary>
/// The intervals a market is closed between two times, as plotly.js date-axis range breaks, so candle
/// charts show no empty stretch for the FX weekend or an index's daily break. Closed time comes from the
/// instrument's <see cref="TradingSession"/> (config/market_config.yaml), checked at every bar start;
/// a data gap while the market is open stays visible.
/// </summary>
public static class SessionRangeBreaks
{
    /// <summary>A closed interval [Start, End) in UTC ticks.</summary>
    public readonly record struct Closed(long Start, long End);

    /// <summary>Closed intervals between bar starts <paramref name="fromTicks"/> and <paramref name="toTicks"/> (UTC), stepping by <paramref name="barTicks"/>.</summary>
    public static IReadOnlyList<Closed> Between(TradingSession session, long fromTicks, long toTicks, long barTicks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(barTicks, 1);
        var clock = new ZoneClock(session.Zone);
        var result = new List<Closed>();
        long start = -1;
        for (long t = fromTicks; t <= toTicks; t += barTicks)
        {
            bool open = session.IsOpenLocal(clock.ToLocal(t));
            if (!open && start < 0) start = t;
            if (open && start >= 0) { result.Add(new Closed(start, t)); start = -1; }
        }
        return result;
    }

    /// <summary>
    /// plotly.js <c>rangebreaks</c>: one entry per distinct interval length, listing the intervals' starts
    /// (<c>values</c>, formatted as the chart's x values) with that length in milliseconds (<c>dvalue</c>).
    /// </summary>
    public static object[] ForPlotly(IReadOnlyList<Closed> closed, Func<long, string> formatX) =>
        closed.GroupBy(c => c.End - c.Start).OrderBy(g => g.Key)
            .Select(g => (object)new Dictionary<string, object> { ["values"] = g.Select(c => formatX(c.Start)).ToArray(), ["dvalue"] = g.Key / TimeSpan.TicksPerMillisecond })
            .ToArray();
}
