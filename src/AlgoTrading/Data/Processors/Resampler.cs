using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Processors;

/// <summary>
/// Aggregates ticks to bars and bars to coarser bars with boundaries from <see cref="BarAligner"/>:
/// open = first, high = max, low = min, close = last, volume = sum, each side of a quote bar on its
/// own. A bar is labelled by its period start, not by its first source row, so a bar whose first
/// minutes had no change still starts on the boundary. Only rows that exist are aggregated: no
/// bar is created for a slot without data. Input must be sorted by time (validate first).
/// </summary>
public static class Resampler
{
    /// <summary>Aggregates bars or ticks, whichever <paramref name="series"/> is, to <paramref name="target"/>.</summary>
    public static BarSeries Resample(IMarketSeries series, BarPeriod target, TradingSession session) => series switch
    {
        BarSeries bars => Resample(bars, target, session),
        TickSeries ticks => FromTicks(ticks, target, session),
        _ => throw new ArgumentException($"cannot resample a {series.GetType().Name}"),
    };

    /// <summary>Aggregates <paramref name="bars"/> to <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The target is not coarser than, or not a multiple of, the source period.</exception>
    public static BarSeries Resample(BarSeries bars, BarPeriod target, TradingSession session)
    {
        CheckCoarser(bars.Period, target);
        var aligner = new BarAligner(target, session);
        var builder = new BarSeriesBuilder(bars.Kind, Math.Max(16, (int)(bars.Count * bars.Period.Duration.Ticks / Math.Max(1, target.Duration.Ticks)) + 16));
        var times = bars.TimeTicks;
        bool quote = bars.Kind == BarKind.Quote;
        var a = quote ? bars.Bid! : bars.Trade!;
        var b = quote ? bars.Ask! : null;
        var volume = bars.Volume;
        int i = 0;
        while (i < bars.Count)
        {
            long start = aligner.StartOf(times[i]);
            long next = NextStartAfter(aligner, start);
            int j = i;
            double o1 = a.Open[i], h1 = double.MinValue, l1 = double.MaxValue, c1 = 0;
            double o2 = b?.Open[i] ?? 0, h2 = double.MinValue, l2 = double.MaxValue, c2 = 0, vol = 0;
            while (j < bars.Count && times[j] < next && (j == i || aligner.StartOf(times[j]) == start))
            {
                h1 = Math.Max(h1, a.High[j]); l1 = Math.Min(l1, a.Low[j]); c1 = a.Close[j];
                if (b is not null) { h2 = Math.Max(h2, b.High[j]); l2 = Math.Min(l2, b.Low[j]); c2 = b.Close[j]; }
                else vol += volume[j];
                j++;
            }
            if (quote) builder.AddQuote(start, o1, h1, l1, c1, o2, h2, l2, c2);
            else builder.AddTrade(start, o1, h1, l1, c1, vol);
            i = j;
        }
        return builder.Build(bars.Instrument, target);
    }

    /// <summary>Aggregates quotes into bid/ask bars of <paramref name="target"/>, through the same <see cref="QuoteBarAggregator"/> a live runner uses.</summary>
    public static BarSeries FromTicks(TickSeries ticks, BarPeriod target, TradingSession session)
    {
        var aggregator = new QuoteBarAggregator(target, session);
        var builder = new BarSeriesBuilder(BarKind.Quote, 1024);
        var times = ticks.TimeTicks;
        var bid = ticks.Bid;
        var ask = ticks.Ask;
        for (int i = 0; i < ticks.Count; i++)
            if (aggregator.Add(times[i], bid[i], ask[i], out var bar)) builder.Add(bar);
        if (aggregator.Flush(out var last)) builder.Add(last);
        return builder.Build(ticks.Instrument, target);
    }

    // For fixed UTC-aligned periods the next boundary is start + length, which lets the inner loop
    // skip the aligner; otherwise every row is aligned (the loop condition re-checks the start).
    private static long NextStartAfter(BarAligner aligner, long start) =>
        aligner.Period.IsIntraday && TimeSpan.TicksPerHour % aligner.Period.Duration.Ticks == 0 ? start + aligner.Period.Duration.Ticks : long.MaxValue;

    private static void CheckCoarser(BarPeriod source, BarPeriod target)
    {
        if (source.Unit == PeriodUnit.Tick) return;
        bool ok = target.IsIntraday
            ? source.IsIntraday && target.Duration > source.Duration && target.Duration.Ticks % source.Duration.Ticks == 0
            : source.IsIntraday || (target.Unit > source.Unit);
        if (!ok) throw new ArgumentException($"cannot resample {source} bars to {target}: the target must be coarser and a whole multiple of the source");
    }
}
