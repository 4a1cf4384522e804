namespace AlgoTrading.Backtesting.Metrics;

/// <summary>A return over one calendar period.</summary>
/// <param name="Year">Calendar year (UTC).</param>
/// <param name="Month">Calendar month 1-12 (UTC); 0 for a whole year.</param>
/// <param name="Return">Equity at the period's last step / equity at the previous period's last step (the initial cash for the first) − 1.</param>
public readonly record struct PeriodReturn(int Year, int Month, double Return);

/// <summary>
/// Monthly and yearly returns of an equity curve (the tearsheet's heatmap and bars). Periods are UTC
/// calendar months and years of the time steps; a period without steps has no entry. Compounding the
/// returns gives the total return.
/// </summary>
public static class PeriodReturns
{
    /// <summary>One return per calendar month that has steps, in time order.</summary>
    public static PeriodReturn[] Monthly(ReadOnlySpan<long> time, ReadOnlySpan<double> equity, double initial) => Compute(time, equity, initial, monthly: true);

    /// <summary>One return per calendar year that has steps, in time order.</summary>
    public static PeriodReturn[] Yearly(ReadOnlySpan<long> time, ReadOnlySpan<double> equity, double initial) => Compute(time, equity, initial, monthly: false);

    private static PeriodReturn[] Compute(ReadOnlySpan<long> time, ReadOnlySpan<double> equity, double initial, bool monthly)
    {
        var result = new List<PeriodReturn>();
        double previous = initial;
        for (int i = 0; i < equity.Length; i++)
        {
            var t = new DateTime(time[i], DateTimeKind.Utc);
            bool last = i == equity.Length - 1;
            if (!last)
            {
                var next = new DateTime(time[i + 1], DateTimeKind.Utc);
                last = next.Year != t.Year || (monthly && next.Month != t.Month);
            }
            if (!last) continue;
            result.Add(new PeriodReturn(t.Year, monthly ? t.Month : 0, equity[i] / previous - 1));
            previous = equity[i];
        }
        return [.. result];
    }
}
