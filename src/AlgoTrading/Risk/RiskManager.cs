using AlgoTrading.Domain;
using AlgoTrading.Time;

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
/// <remarks>
/// It also keeps the account's risk state: the trading day (its boundary is the day end of
/// <see cref="Session"/>, from the instrument's session in market_config.yaml: 17:00 New York for FX,
/// the index's own for index CFDs), the equity at its start, the peak equity and the tripped
/// breakers; <see cref="Export"/> and <see cref="Restore"/> carry them across restarts.
/// </remarks>
public sealed class RiskManager
{
    private bool _drawdownTripped;
    private readonly BarAligner _days;

    /// <summary>A manager applying <paramref name="limits"/>, whose trading day ends at the day end of <paramref name="session"/> (default FX, 17:00 New York).</summary>
    public RiskManager(RiskLimits limits, TradingSession? session = null)
    {
        Limits = limits;
        Session = session ?? TradingSession.Forex;
        _days = new BarAligner(BarPeriod.D1, Session);
    }

    /// <summary>The limits.</summary>
    public RiskLimits Limits { get; }
    /// <summary>The session whose day end starts a new trading day.</summary>
    public TradingSession Session { get; }
    /// <summary>Start of the current trading day, UTC ticks (long.MinValue before the first bar).</summary>
    public long Day { get; private set; } = long.MinValue;
    /// <summary>Equity at the start of the current trading day.</summary>
    public double DayStartEquity { get; private set; } = double.NaN;
    /// <summary>Highest equity seen.</summary>
    public double PeakEquity { get; private set; } = double.NaN;

    /// <summary>Start (UTC ticks) of the trading day <paramref name="utcTicks"/> falls in.</summary>
    public long DayOf(long utcTicks) => _days.StartOf(utcTicks);

    /// <summary>Starts trading day <paramref name="day"/> (from <see cref="DayOf"/>) with <paramref name="equity"/>.</summary>
    public void StartDay(long day, double equity) => (Day, DayStartEquity) = (day, equity);

    /// <summary>Records an equity observation for the peak.</summary>
    public void Observe(double equity)
    {
        if (!(equity <= PeakEquity)) PeakEquity = equity; // NaN peak: the first observation
    }

    /// <summary>The state to persist.</summary>
    public RiskState Export() => new(Day, DayStartEquity, PeakEquity, _drawdownTripped);

    /// <summary>Continues from a persisted <paramref name="state"/>.</summary>
    public void Restore(RiskState state) => (Day, DayStartEquity, PeakEquity, _drawdownTripped) = (state.DayStartUtcTicks, state.DayStartEquity, state.PeakEquity, state.DrawdownTripped);

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
