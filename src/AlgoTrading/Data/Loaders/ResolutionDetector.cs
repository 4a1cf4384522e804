using AlgoTrading.Domain;

namespace AlgoTrading.Data.Loaders;

/// <summary>
/// Infers a bar period from timestamps: the most common positive step among the first 10,000
/// rows, snapped to a named period. The mode (not the minimum) is used because sparse minute files
/// skip bars and real files contain the odd duplicate or short step.
/// </summary>
internal static class ResolutionDetector
{
    /// <summary>Detects the period of bar-start timestamps (UTC ticks).</summary>
    public static BarPeriod Detect(ReadOnlySpan<long> times)
    {
        var counts = new Dictionary<long, int>();
        int n = Math.Min(times.Length, 10_001);
        for (int i = 1; i < n; i++)
        {
            long step = times[i] - times[i - 1];
            if (step > 0) counts[step] = counts.GetValueOrDefault(step) + 1;
        }
        if (counts.Count == 0) return BarPeriod.Tick;
        long mode = counts.MaxBy(kv => (kv.Value, -kv.Key)).Key;
        var span = TimeSpan.FromTicks(mode);
        if (span.TotalDays >= 27) return BarPeriod.MN1;
        if (span.TotalDays >= 6.5 && span.TotalDays <= 7.5) return BarPeriod.W1;
        if (span.TotalHours >= 20 && span.TotalHours <= 26 * 3) return BarPeriod.D1;
        if (mode % TimeSpan.TicksPerHour == 0) return new BarPeriod(PeriodUnit.Hour, (int)(mode / TimeSpan.TicksPerHour));
        if (mode % TimeSpan.TicksPerMinute == 0) return new BarPeriod(PeriodUnit.Minute, (int)(mode / TimeSpan.TicksPerMinute));
        if (mode % TimeSpan.TicksPerSecond == 0) return new BarPeriod(PeriodUnit.Second, (int)(mode / TimeSpan.TicksPerSecond));
        return BarPeriod.Tick;
    }
}
