namespace AlgoTrading.Backtesting.Metrics;

/// <summary>
/// Statistics of closed trades on their net P&amp;L (account currency), in exit order. A trade with zero
/// P&amp;L is neither a win nor a loss and ends a streak. Statistics of no trades (or no winners, no
/// losers) are NaN.
/// </summary>
public sealed record TradeStatistics
{
    /// <summary>Closed trades.</summary>
    public required int Trades { get; init; }
    /// <summary>Winning trades / trades.</summary>
    public required double WinRate { get; init; }
    /// <summary>Payoff ratio: mean win / |mean loss|.</summary>
    public required double Payoff { get; init; }
    /// <summary>Mean net P&amp;L per trade = win rate × mean win + loss rate × mean loss.</summary>
    public required double Expectancy { get; init; }
    /// <summary>Mean time from entry to exit.</summary>
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
        int n = trades.Count, wins = 0, losses = 0, losing = 0, winning = 0, longestLosing = 0, longestWinning = 0;
        double winSum = 0, lossSum = 0, total = 0;
        long holding = 0, longest = 0;
        foreach (var t in trades)
        {
            double pnl = t.Pnl;
            total += pnl;
            if (pnl > 0) { wins++; winSum += pnl; winning++; losing = 0; }
            else if (pnl < 0) { losses++; lossSum += pnl; losing++; winning = 0; }
            else { winning = 0; losing = 0; }
            longestLosing = Math.Max(longestLosing, losing);
            longestWinning = Math.Max(longestWinning, winning);
            long held = (t.ExitTime - t.EntryTime).Ticks;
            holding += held;
            longest = Math.Max(longest, held);
        }
        double meanWin = wins > 0 ? winSum / wins : double.NaN, meanLoss = losses > 0 ? lossSum / losses : double.NaN;
        return new TradeStatistics
        {
            Trades = n,
            WinRate = n > 0 ? wins / (double)n : double.NaN,
            Payoff = meanWin / Math.Abs(meanLoss),
            Expectancy = n > 0 ? total / n : double.NaN,
            AverageHolding = TimeSpan.FromTicks(n > 0 ? holding / n : 0),
            LongestHolding = TimeSpan.FromTicks(longest),
            LongestLosingStreak = longestLosing, LongestWinningStreak = longestWinning,
        };
    }
}
