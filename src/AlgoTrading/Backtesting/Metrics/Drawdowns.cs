namespace AlgoTrading.Backtesting.Metrics;

/// <summary>
/// One drawdown: from a peak of the equity curve (the running maximum, starting at the initial cash)
/// down to its trough and back up to the peak's level.
/// </summary>
/// <param name="Peak">Time of the peak (UTC); the first step when the peak is the initial cash.</param>
/// <param name="Trough">Time of the lowest equity before recovery (UTC).</param>
/// <param name="Recovery">First time equity was back at or above the peak (UTC); null when it never was.</param>
/// <param name="Depth">Trough / peak − 1 (negative, −0.12 = 12 %).</param>
/// <param name="Length">Peak to recovery, or to the last step when not recovered.</param>
/// <param name="PeakIndex">Index of the peak in the equity arrays (−1 when the peak is the initial cash).</param>
/// <param name="TroughIndex">Index of the trough.</param>
public sealed record DrawdownPeriod(DateTime Peak, DateTime Trough, DateTime? Recovery, double Depth, TimeSpan Length, int PeakIndex, int TroughIndex);

/// <summary>Drawdown curve and drawdown periods of an equity curve (pyfolio's "worst drawdowns" table).</summary>
public static class Drawdowns
{
    /// <summary>Equity / running peak − 1 at each step (0 at a new high, negative below it); the running peak starts at <paramref name="initial"/>.</summary>
    public static double[] Underwater(ReadOnlySpan<double> equity, double initial)
    {
        var result = new double[equity.Length];
        Underwater(equity, initial, result);
        return result;
    }

    /// <summary>
    /// <see cref="Underwater(ReadOnlySpan{double}, double)"/> into the first <c>equity.Length</c> elements of
    /// <paramref name="result"/>, times <paramref name="scale"/> (100 for percent): for a caller that draws one curve
    /// after another from one buffer.
    /// </summary>
    public static void Underwater(ReadOnlySpan<double> equity, double initial, Span<double> result, double scale = 1)
    {
        if (result.Length < equity.Length) throw new ArgumentException($"{result.Length} elements for {equity.Length} steps", nameof(result));
        double peak = initial;
        for (int i = 0; i < equity.Length; i++)
        {
            if (equity[i] > peak) peak = equity[i];
            result[i] = (equity[i] / peak - 1) * scale;
        }
    }

    /// <summary>The <paramref name="count"/> deepest drawdowns, deepest first (ties: earlier first).</summary>
    public static IReadOnlyList<DrawdownPeriod> Worst(ReadOnlySpan<long> time, double[] equity, double initial, int count)
    {
        var periods = All(time, equity, initial);
        // A minute curve has tens of thousands of drawdowns and callers want a handful: the deepest are picked in one
        // pass (insertion into a short sorted list), not by sorting them all; the order is the stable sort's.
        if (count >= periods.Count)
        {
            var all = periods.ToArray();
            var order = new int[all.Length];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (a, b) => Compare(all[a], a, all[b], b));
            var sorted = new DrawdownPeriod[all.Length];
            for (int i = 0; i < sorted.Length; i++) sorted[i] = all[order[i]];
            return sorted;
        }
        var best = new List<(DrawdownPeriod Period, int Index)>(count + 1);
        for (int i = 0; i < periods.Count && count > 0; i++)
        {
            if (best.Count == count && Compare(periods[i], i, best[^1].Period, best[^1].Index) >= 0) continue;
            int at = best.Count;
            while (at > 0 && Compare(periods[i], i, best[at - 1].Period, best[at - 1].Index) < 0) at--;
            best.Insert(at, (periods[i], i));
            if (best.Count > count) best.RemoveAt(count);
        }
        var worst = new DrawdownPeriod[best.Count];
        for (int i = 0; i < worst.Length; i++) worst[i] = best[i].Period;
        return worst;
    }

    /// <summary>
    /// The deepest drawdown (ties: earlier first) and the longest drawdown's length, without sorting the periods;
    /// null when the curve never falls below its running peak.
    /// </summary>
    internal static (DrawdownPeriod Deepest, TimeSpan Longest)? DeepestAndLongest(ReadOnlySpan<long> time, double[] equity, double initial)
    {
        var periods = All(time, equity, initial);
        if (periods.Count == 0) return null;
        var (deepest, deepestIndex, longest) = (periods[0], 0, periods[0].Length);
        for (int i = 1; i < periods.Count; i++)
        {
            if (Compare(periods[i], i, deepest, deepestIndex) < 0) (deepest, deepestIndex) = (periods[i], i);
            if (periods[i].Length > longest) longest = periods[i].Length;
        }
        return (deepest, longest);
    }

    // Depth, then peak time, then the order found (what OrderBy(Depth).ThenBy(Peak), a stable sort, gives).
    private static int Compare(DrawdownPeriod a, int ai, DrawdownPeriod b, int bi)
    {
        int c = a.Depth.CompareTo(b.Depth);
        if (c == 0) c = a.Peak.CompareTo(b.Peak);
        return c != 0 ? c : ai.CompareTo(bi);
    }

    // Every drawdown period in time order.
    private static List<DrawdownPeriod> All(ReadOnlySpan<long> time, double[] equity, double initial)
    {
        var periods = new List<DrawdownPeriod>();
        if (equity.Length == 0) return periods;
        double peak = initial;
        int peakIndex = -1, troughIndex = -1;
        for (int i = 0; i < equity.Length; i++)
        {
            if (equity[i] >= peak)
            {
                if (troughIndex >= 0) periods.Add(Period(time, equity, peak, peakIndex, troughIndex, i));
                (peak, peakIndex, troughIndex) = (equity[i], i, -1);
            }
            else if (troughIndex < 0 || equity[i] < equity[troughIndex]) troughIndex = i;
        }
        if (troughIndex >= 0) periods.Add(Period(time, equity, peak, peakIndex, troughIndex, -1));
        return periods;
    }

    private static DrawdownPeriod Period(ReadOnlySpan<long> time, double[] equity, double peak, int peakIndex, int troughIndex, int recoveryIndex)
    {
        long peakTicks = time[Math.Max(0, peakIndex)];
        long endTicks = recoveryIndex >= 0 ? time[recoveryIndex] : time[^1];
        return new DrawdownPeriod(new DateTime(peakTicks, DateTimeKind.Utc), new DateTime(time[troughIndex], DateTimeKind.Utc),
            recoveryIndex >= 0 ? new DateTime(time[recoveryIndex], DateTimeKind.Utc) : null,
            equity[troughIndex] / peak - 1, TimeSpan.FromTicks(endTicks - peakTicks), peakIndex, troughIndex);
    }
}
