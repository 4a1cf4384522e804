namespace AlgoTrading.Data.Processors;

/// <summary>One stretch of open market time without data: after the row at <see cref="After"/>, nothing until <see cref="Before"/>.</summary>
/// <param name="After">UTC time of the last row before the gap.</param>
/// <param name="Before">UTC time of the first row after the gap.</param>
/// <param name="MissingBars">Expected bar slots (for ticks: whole minutes) inside open sessions that have no row.</param>
/// <param name="OpenDuration">The open-market time the gap covers (MissingBars × the slot length).</param>
public readonly record struct Gap(DateTime After, DateTime Before, int MissingBars, TimeSpan OpenDuration);

/// <summary>The gaps found in a series; closed sessions (weekends, daily breaks) are never gaps.</summary>
public sealed class GapReport
{
    /// <summary>The gaps in time order.</summary>
    public required IReadOnlyList<Gap> Gaps { get; init; }
    /// <summary>The slot length used (the bar period, or one minute for ticks).</summary>
    public required TimeSpan Slot { get; init; }
    /// <summary>Number of gaps.</summary>
    public int Count => Gaps.Count;
    /// <summary>Missing slots over all gaps.</summary>
    public long MissingBars => Gaps.Sum(g => (long)g.MissingBars);
    /// <summary>The gap with the most open time missing, or null when there is none.</summary>
    public Gap? Largest => Gaps.Count == 0 ? null : Gaps.MaxBy(g => g.MissingBars);
}
