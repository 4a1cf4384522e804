using AlgoTrading.Domain;
using AlgoTrading.Risk.Rules;
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
/// The pre-trade risk chain (<see cref="ReviewRequest"/>), the same object in backtests and live trading: it applies
/// <see cref="RiskLimits"/> (and any extra <see cref="IRiskRule"/>s) to a strategy's target position and
/// sees only snapshots (<see cref="RiskRequest"/>, <see cref="ExposureSnapshot"/>). Reductions always pass;
/// increases are refused by circuit breakers and count limits, or resized by size and exposure limits,
/// each with a reason that names the rule and the numbers.
/// </summary>
/// <remarks>
/// Rules run in this order: max_drawdown, max_daily_loss, broker_disconnected, stale_prices, order_rate,
/// repeated_rejects, max_open_positions (refusals); max_units, max_risk_per_trade, instrument_limit,
/// strategy_limit, correlation_bucket, max_currency_exposure, max_gross_leverage, max_net_leverage,
/// min_margin_headroom (resizes; the reason is the last resize, the one that set the size); then the extra
/// rules. It also keeps the account's risk state: the trading day (its boundary is the day end of
/// <see cref="Session"/>, from the instrument's session in market_config.yaml: 17:00 New York for FX, the
/// index's own for index CFDs), the equity at its start, the peak equity and the circuit breakers;
/// <see cref="Export"/> and <see cref="Restore"/> carry them across restarts. The caller feeds the breakers
/// their events: <see cref="RecordOrder"/>, <see cref="RecordReject"/>, <see cref="RecordAccepted"/>,
/// <see cref="BrokerDisconnected"/>, <see cref="BrokerConnected"/>.
/// </remarks>
public sealed class RiskManager
{
    private readonly BarAligner _days;
    private readonly IRiskRule[] _rules;
    private readonly CircuitBreaker _drawdown = new(CircuitBreaker.Drawdown, resetsDaily: false);
    private readonly List<CircuitBreaker> _breakers = [];
    private readonly OrderRateRule? _orderRate;
    private readonly RepeatedRejectsRule? _rejects;
    private readonly BrokerConnectionRule? _connection;

    /// <summary>A manager applying <paramref name="limits"/>, whose trading day ends at the day end of <paramref name="session"/> (default FX, 17:00 New York).</summary>
    /// <param name="limits">The limits (every one off when null).</param>
    /// <param name="session">The session whose day end starts a new trading day.</param>
    /// <param name="extraRules">Rules of your own, run after the built-in ones.</param>
    public RiskManager(RiskLimits limits, TradingSession? session = null, IEnumerable<IRiskRule>? extraRules = null)
    {
        Limits = limits;
        Session = session ?? TradingSession.Forex;
        _days = new BarAligner(BarPeriod.D1, Session);

        var rules = new List<IRiskRule>();
        if (limits.MaxDrawdown is { } drawdown) rules.Add(new MaxDrawdownRule(drawdown, Breaker(_drawdown)));
        if (limits.MaxDailyLoss is { } dailyLoss) rules.Add(new DailyLossRule(dailyLoss, Breaker(new(CircuitBreaker.DailyLoss, resetsDaily: true))));
        if (limits.MaxDisconnectSeconds is { } disconnect) rules.Add(_connection = new BrokerConnectionRule(disconnect, Breaker(new(CircuitBreaker.BrokerDisconnected, resetsDaily: false))));
        if (limits.MaxPriceAgeSeconds is { } priceAge) rules.Add(new StalePriceRule(priceAge, Breaker(new(CircuitBreaker.StalePrices, resetsDaily: false))));
        if (limits.MaxOrdersPerWindow is { } orders) rules.Add(_orderRate = new OrderRateRule(orders, limits.OrderRateWindowSeconds, Breaker(new(CircuitBreaker.OrderRate, resetsDaily: true))));
        if (limits.MaxConsecutiveRejects is { } rejects) rules.Add(_rejects = new RepeatedRejectsRule(rejects, Breaker(new(CircuitBreaker.RepeatedRejects, resetsDaily: true))));
        if (limits.MaxOpenPositions is { } open) rules.Add(new MaxOpenPositionsRule(open));
        if (limits.MaxUnits is { } units) rules.Add(new MaxUnitsRule(units));
        if (limits.MaxRiskPerTrade is { } risk) rules.Add(new MaxRiskPerTradeRule(risk));
        if (limits.Instruments.Count > 0) rules.Add(new InstrumentLimitRule(limits.Instruments));
        if (limits.Strategies.Count > 0) rules.Add(new StrategyLimitRule(limits.Strategies));
        foreach (var (name, bucket) in limits.CorrelationBuckets) rules.Add(new CorrelationBucketRule(name, bucket));
        if (limits.MaxCurrencyExposure is { } currency) rules.Add(new CurrencyExposureRule(currency));
        if (limits.MaxGrossLeverage is { } gross) rules.Add(new GrossLeverageRule(gross));
        if (limits.MaxNetLeverage is { } net) rules.Add(new NetLeverageRule(net));
        if (limits.MinMarginHeadroom is { } headroom) rules.Add(new MarginHeadroomRule(headroom));
        if (extraRules is not null) rules.AddRange(extraRules);
        _rules = [.. rules];
    }

    private CircuitBreaker Breaker(CircuitBreaker breaker)
    {
        breaker.OnTrip = state => BreakerTripped?.Invoke(state);
        _breakers.Add(breaker);
        return breaker;
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
    /// <summary>The rules in the order they run.</summary>
    public IReadOnlyList<string> Rules => [.. _rules.Select(r => r.Name)];
    /// <summary>Every configured circuit breaker's state now (for metrics and status screens).</summary>
    public IReadOnlyList<BreakerState> Breakers => [.. _breakers.Select(b => b.State)];
    /// <summary>Raised once each time a circuit breaker trips (alerts, journal).</summary>
    public event Action<BreakerState>? BreakerTripped;

    /// <summary>Start (UTC ticks) of the trading day <paramref name="utcTicks"/> falls in.</summary>
    public long DayOf(long utcTicks) => _days.StartOf(utcTicks);

    /// <summary>Starts trading day <paramref name="day"/> (from <see cref="DayOf"/>) with <paramref name="equity"/>; clears the breakers that last a day (daily loss, order rate, repeated rejects).</summary>
    public void StartDay(long day, double equity)
    {
        (Day, DayStartEquity) = (day, equity);
        foreach (var breaker in _breakers)
            if (breaker.ResetsDaily) breaker.Clear();
        _rejects?.Consecutive = 0;
    }

    /// <summary>Records an equity observation for the peak.</summary>
    public void Observe(double equity)
    {
        if (!(equity <= PeakEquity)) PeakEquity = equity; // NaN peak: the first observation
    }

    /// <summary>Records an order sent to the broker at <paramref name="utcTicks"/> (for the order-rate breaker).</summary>
    public void RecordOrder(long utcTicks) => _orderRate?.Record(utcTicks);

    /// <summary>Records a broker reject at <paramref name="utcTicks"/> with the broker's reason (for the repeated-rejects breaker).</summary>
    public void RecordReject(long utcTicks, string reason) => _rejects?.Reject(utcTicks, reason);

    /// <summary>Records an order the broker accepted: the run of rejects ends.</summary>
    public void RecordAccepted() => _rejects?.Consecutive = 0;

    /// <summary>The broker connection dropped at <paramref name="utcTicks"/>.</summary>
    public void BrokerDisconnected(long utcTicks) => _connection?.Disconnected(utcTicks);

    /// <summary>The broker connection is back and the account reconciled: the disconnection breaker clears.</summary>
    public void BrokerConnected() => _connection?.Connected();

    /// <summary>Clears the breaker named <paramref name="name"/> (an operator's decision, e.g. after a drawdown was reviewed); false when no such breaker is configured.</summary>
    public bool ResetBreaker(string name)
    {
        var breaker = _breakers.FirstOrDefault(b => b.Name == name);
        if (breaker is null) return false;
        breaker.Clear();
        if (breaker.Name == CircuitBreaker.RepeatedRejects) _rejects?.Consecutive = 0;
        return true;
    }

    /// <summary>The state to persist.</summary>
    public RiskState Export() => new(Day, DayStartEquity, PeakEquity, _drawdown.Tripped)
    {
        Breakers = Breakers, RecentOrderUtcTicks = _orderRate?.Recent() ?? [], ConsecutiveRejects = _rejects?.Consecutive ?? 0,
    };

    /// <summary>Continues from a persisted <paramref name="state"/>; breakers it names that are not configured now are ignored.</summary>
    public void Restore(RiskState state)
    {
        (Day, DayStartEquity, PeakEquity) = (state.DayStartUtcTicks, state.DayStartEquity, state.PeakEquity);
        foreach (var saved in state.Breakers)
            _breakers.FirstOrDefault(b => b.Name == saved.Name)?.Restore(saved);
        if (state.DrawdownTripped && !_drawdown.Tripped) _drawdown.Restore(new BreakerState(CircuitBreaker.Drawdown, true, long.MinValue, "max_drawdown: tripped before a restart"));
        if (!state.DrawdownTripped) _drawdown.Clear();
        _orderRate?.Restore(state.RecentOrderUtcTicks);
        _rejects?.Consecutive = state.ConsecutiveRejects;
    }

    /// <summary>Reviews a move from <paramref name="currentUnits"/> to <paramref name="targetUnits"/> without exposure facts (the exposure rules, if configured, refuse such a request).</summary>
    /// <param name="currentUnits">The position now.</param>
    /// <param name="targetUnits">The position the strategy wants.</param>
    /// <param name="stopDistance">The stop-loss distance in price units (NaN: none).</param>
    /// <param name="portfolio">The account.</param>
    /// <param name="instrument">The instrument (for converting risk to the account currency).</param>
    public RiskDecision Review(double currentUnits, double targetUnits, double stopDistance, in PortfolioSnapshot portfolio, in InstrumentContext instrument) =>
        ReviewRequest(new RiskRequest(instrument, currentUnits, targetUnits, stopDistance, portfolio));

    /// <summary>Reviews one intended position change through the chain: the full entry, with the facts the exposure rules and breakers need.</summary>
    /// <remarks>Named apart from <c>Review</c> so that <c>cref="RiskManager.Review"</c> in other layers' docs stays unambiguous.</remarks>
    public RiskDecision ReviewRequest(in RiskRequest request)
    {
        double current = request.CurrentUnits, target = request.TargetUnits;
        bool reverses = (target > 0 && current < 0) || (target < 0 && current > 0);
        if (!reverses && Math.Abs(target) <= Math.Abs(current)) return new RiskDecision(target, null);
        double flatOrCurrent = reverses ? 0 : current; // a reversal must at least be allowed to close
        double floor = Math.Abs(flatOrCurrent), allowed = Math.Abs(target);
        string? reason = null;
        foreach (var rule in _rules)
        {
            var result = rule.Review(request, allowed, floor);
            if (result.Action == RiskRuleAction.Refuse) return new RiskDecision(double.IsNaN(result.Units) ? flatOrCurrent : result.Units, result.Reason);
            if (result.Action == RiskRuleAction.Resize) (allowed, reason) = (result.Units, result.Reason);
        }
        return new RiskDecision(target < 0 ? -allowed : allowed, reason);
    }
}
