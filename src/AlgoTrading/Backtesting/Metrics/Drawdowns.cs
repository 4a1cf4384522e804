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
        double peak = initial;
        for (int i = 0; i < equity.Length; i++)
        {
            if (equity[i] > peak) peak = equity[i];
            result[i] = equity[i] / peak - 1;
        }
        return result;
    }

    /// <summary>The <paramref name="count"/> deepest drawdowns, deepest first (ties: earlier first).</summary>
    public static IReadOnlyList<DrawdownPeriod> Worst(long[] time, double[] equity, double initial, int count)
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
        return periods.OrderBy(p => p.Depth).ThenBy(p => p.Peak).Take(count).ToArray();
    }

    private static DrawdownPeriod Period(long[] time, double[] equity, double peak, int peakIndex, int troughIndex, int recoveryIndex)
    {
        long peakTicks = time[Math.Max(0, peakIndex)];
        long endTicks = recoveryIndex >= 0 ? time[recoveryIndex] : time[^1];
        return new DrawdownPeriod(new DateTime(peakTicks, DateTimeKind.Utc), new DateTime(time[troughIndex], DateTimeKind.Utc),
            recoveryIndex >= 0 ? new DateTime(time[recoveryIndex], DateTimeKind.Utc) : null,
            equity[troughIndex] / peak - 1, TimeSpan.FromTicks(endTicks - peakTicks), peakIndex, troughIndex);
    }
}
