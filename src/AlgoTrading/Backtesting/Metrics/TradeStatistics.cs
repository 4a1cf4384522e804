using AlgoTrading.Domain;

namespace AlgoTrading.Backtesting.Metrics;

/// <summary>
/// Holding times and streaks of closed trades (the tearsheet's trade table; win rate, payoff and
/// expectancy are in <see cref="PerformanceMetrics"/>). Trades are taken in exit order on their net
/// P&amp;L; a trade with zero P&amp;L is neither a win nor a loss and ends a streak.
/// </summary>
public sealed record TradeStatistics
{
    /// <summary>Mean time from entry to exit (zero without trades).</summary>
    public required TimeSpan AverageHolding { get; init; }
    /// <summary>Longest time from entry to exit.</summary>
    public required TimeSpan LongestHolding { get; init; }
    /// <summary>Most losing trades in a row.</summary>
    public required int LongestLosingStreak { get; init; }
    /// <summary>Most winning trades in a row.</summary>
    public required int LongestWinningStreak { get; init; }

    /// <summary>The statistics of <paramref name="trades"/>.</summary>
    public static TradeStatistics From(IReadOnlyList<TradeRecord> trades)
    {
        int losing = 0, winning = 0, longestLosing = 0, longestWinning = 0;
        long holding = 0, longest = 0;
        foreach (var t in trades)
        {
            double pnl = t.Pnl;
            (winning, losing) = pnl > 0 ? (winning + 1, 0) : pnl < 0 ? (0, losing + 1) : (0, 0);
            longestLosing = Math.Max(longestLosing, losing);
            longestWinning = Math.Max(longestWinning, winning);
            long held = (t.ExitTime - t.EntryTime).Ticks;
            holding += held;
            longest = Math.Max(longest, held);
        }
        return new TradeStatistics
        {
            AverageHolding = TimeSpan.FromTicks(trades.Count > 0 ? holding / trades.Count : 0),
            LongestHolding = TimeSpan.FromTicks(longest),
            LongestLosingStreak = longestLosing, LongestWinningStreak = longestWinning,
        };
    }
}
