using AlgoTrading.Features.Sets;

namespace AlgoTrading.Features.Labels;

/// <summary>
/// Forward-looking targets. Labels look ahead by design: the label of bar t uses bars after t and
/// must only ever be a training target, never an input. Each label records when it became known
/// (<see cref="LabelSeries.EndTime"/>) so training can purge samples whose label windows overlap
/// the test period.
/// </summary>
public static class ForwardReturnLabels
{
    /// <summary>
    /// Return from the close of bar t to the close of bar t + h (log or simple). The last h bars have
    /// no label (NaN). End time = bar start of t + h.
    /// </summary>
    public static LabelSeries ForwardReturn(ReadOnlySpan<long> time, ReadOnlySpan<double> close, int horizon, ReturnKind kind = ReturnKind.Log)
    {
        if (horizon < 1) throw new ArgumentOutOfRangeException(nameof(horizon), "the horizon must be at least one bar");
        int n = close.Length;
        var values = new double[n];
        var end = new long[n];
        for (int t = 0; t < n; t++)
        {
            if (t + horizon >= n) { values[t] = double.NaN; end[t] = long.MaxValue; continue; }
            values[t] = kind == ReturnKind.Log ? Math.Log(close[t + horizon] / close[t]) : close[t + horizon] / close[t] - 1;
            end[t] = time[t + horizon];
        }
        return new LabelSeries($"forward_return_{kind.ToString().ToLowerInvariant()}_{horizon}", time.ToArray(), values, end);
    }

    /// <summary>
    /// Direction after costs from a fixed threshold: +1 when the forward return over h bars exceeds
    /// <paramref name="threshold"/>, −1 when it is below −threshold, else 0. Use a threshold at least
    /// the round-trip cost as a return (e.g. spread / price + 2 × commission rate), so "up" means
    /// "a long would have made money".
    /// </summary>
    public static LabelSeries Direction(ReadOnlySpan<long> time, ReadOnlySpan<double> close, int horizon, double threshold)
    {
        if (threshold < 0) throw new ArgumentOutOfRangeException(nameof(threshold), "the threshold is a cost and cannot be negative");
        var forward = ForwardReturn(time, close, horizon, ReturnKind.Simple);
        var values = forward.Values.Select(r => double.IsNaN(r) ? double.NaN : r > threshold ? 1 : r < -threshold ? -1 : 0).ToArray();
        return new LabelSeries($"direction_{horizon}", forward.Time, values, forward.EndTime);
    }

    /// <summary>
    /// Direction at executable prices of quote bars: +1 when buying at the ask of bar t's close and
    /// selling at the bid of bar t + h's close earns more than <paramref name="extraCost"/> (a return,
    /// e.g. commission), −1 when selling at the bid and buying back at the ask does, else 0. The
    /// spread paid is the real one of those two bars.
    /// </summary>
    public static LabelSeries DirectionAfterSpread(Domain.BarSeries quotes, int horizon, double extraCost = 0)
    {
        if (quotes.Kind != Domain.BarKind.Quote) throw new ArgumentException("spread-aware direction labels need quote bars (bid and ask)");
        int n = quotes.Count;
        var bid = quotes.Bid!.Close;
        var ask = quotes.Ask!.Close;
        var values = new double[n];
        var end = new long[n];
        for (int t = 0; t < n; t++)
        {
            if (t + horizon >= n) { values[t] = double.NaN; end[t] = long.MaxValue; continue; }
            double longReturn = bid[t + horizon] / ask[t] - 1, shortReturn = bid[t] / ask[t + horizon] - 1;
            values[t] = longReturn > extraCost ? 1 : shortReturn > extraCost ? -1 : 0;
            end[t] = quotes.TimeTicks[t + horizon];
        }
        return new LabelSeries($"direction_after_spread_{horizon}", quotes.TimeTicks.ToArray(), values, end);
    }
}
