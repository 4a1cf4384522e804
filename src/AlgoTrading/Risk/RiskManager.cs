using AlgoTrading.Domain;

namespace AlgoTrading.Risk;

/// <summary>What the risk manager decided about one intended position change.</summary>
/// <param name="TargetUnits">The position allowed (equal to the request when approved unchanged).</param>
/// <param name="Reason">Why it was resized or rejected (null when approved unchanged).</param>
public readonly record struct RiskDecision(double TargetUnits, string? Reason)
{
    /// <summary>Whether the request was changed.</summary>
    public bool Changed => Reason is not null;
}

/// <summary>
/// Applies <see cref="RiskLimits"/> to a strategy's target position, in the same path for backtests
/// and live trading. It sees only snapshots. Reductions always pass; increases are resized (size
/// limits) or refused (count and loss breakers), each with a reason that names the rule and numbers.
/// </summary>
public sealed class RiskManager(RiskLimits limits)
{
    private bool _drawdownTripped;

    /// <summary>The limits.</summary>
    public RiskLimits Limits { get; } = limits;

    /// <summary>Reviews a move from <paramref name="currentUnits"/> to <paramref name="targetUnits"/>.</summary>
    /// <param name="currentUnits">The position now.</param>
    /// <param name="targetUnits">The position the strategy wants.</param>
    /// <param name="stopDistance">The stop-loss distance in price units (NaN: none).</param>
    /// <param name="portfolio">The account.</param>
    /// <param name="instrument">The instrument (for converting risk to the account currency).</param>
    public RiskDecision Review(double currentUnits, double targetUnits, double stopDistance, in PortfolioSnapshot portfolio, in InstrumentContext instrument)
    {
        bool reverses = (targetUnits > 0 && currentUnits < 0) || (targetUnits < 0 && currentUnits > 0);
        if (!reverses && Math.Abs(targetUnits) <= Math.Abs(currentUnits)) return new RiskDecision(targetUnits, null);
        double flatOrCurrent = reverses ? 0 : currentUnits; // a reversal must at least be allowed to close

        if (Limits.MaxDrawdown is { } maxDd && portfolio.PeakEquity > 0 && (_drawdownTripped || 1 - portfolio.Equity / portfolio.PeakEquity >= maxDd))
        {
            _drawdownTripped = true;
            return new RiskDecision(flatOrCurrent, $"max_drawdown: equity {portfolio.Equity:F2} is {100 * (1 - portfolio.Equity / portfolio.PeakEquity):F2}% below its peak {portfolio.PeakEquity:F2} (limit {100 * maxDd:F2}%)");
        }
        if (Limits.MaxDailyLoss is { } maxDay && portfolio.DayStartEquity > 0 && 1 - portfolio.Equity / portfolio.DayStartEquity >= maxDay)
            return new RiskDecision(flatOrCurrent, $"max_daily_loss: equity {portfolio.Equity:F2} is {100 * (1 - portfolio.Equity / portfolio.DayStartEquity):F2}% below the day's start {portfolio.DayStartEquity:F2} (limit {100 * maxDay:F2}%)");
        if (Limits.MaxOpenPositions is { } maxOpen && currentUnits == 0 && portfolio.OpenPositions >= maxOpen)
            return new RiskDecision(0, $"max_open_positions: {portfolio.OpenPositions} open (limit {maxOpen})");

        double allowed = Math.Abs(targetUnits);
        string? reason = null;
        if (Limits.MaxUnits is { } maxUnits && allowed > maxUnits)
            (allowed, reason) = (maxUnits, $"max_units: {Math.Abs(targetUnits):F0} units resized to {maxUnits:F0}");
        if (Limits.MaxRiskPerTrade is { } maxRisk && stopDistance > 0)
        {
            double riskUnits = Math.Floor(portfolio.Equity * maxRisk / (stopDistance * instrument.QuoteToAccount));
            if (allowed > riskUnits)
                (allowed, reason) = (riskUnits, $"max_risk_per_trade: {allowed:F0} units would risk {allowed * stopDistance * instrument.QuoteToAccount:F2} at the stop; resized to {riskUnits:F0} ({100 * maxRisk:F2}% of equity)");
        }
        return new RiskDecision(targetUnits < 0 ? -allowed : allowed, reason);
    }
}
