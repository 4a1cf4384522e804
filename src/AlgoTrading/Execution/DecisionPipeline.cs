using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Risk;
using AlgoTrading.Strategies;

namespace AlgoTrading.Execution;

/// <summary>What the trading core is asked to do with one instrument's orders.</summary>
public enum OrderIntentKind
{
    /// <summary>Send <see cref="OrderIntent.Request"/>.</summary>
    Submit,
    /// <summary>Record <see cref="OrderIntent.Request"/> as refused by risk; it is never sent.</summary>
    Refuse,
    /// <summary>Withdraw the working entry order.</summary>
    CancelWorking,
    /// <summary>Move the stop-loss attached to the position to <see cref="OrderIntent.StopPrice"/>.</summary>
    MoveStopLoss,
}

/// <summary>
/// One step the decision pipeline wants taken. Intents name what they act on (the working order,
/// the attached stop) rather than an order id: the trading core knows which orders those are.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="Request">The order to send or to record as refused (null otherwise).</param>
/// <param name="Reason">Why: the strategy's reason, or the risk rule and its numbers for a refusal.</param>
/// <param name="StopPrice">The new stop-loss price (NaN otherwise).</param>
public readonly record struct OrderIntent(OrderIntentKind Kind, OrderRequest? Request, string Reason, double StopPrice = double.NaN);

/// <summary>
/// Strategy → sizing → risk → order intents, as one object with the narrowest inputs: the closed bar
/// and snapshots of the position, the account and the instrument, never an engine. The backtest and
/// the live runner call the same pipeline through the trading core, so the same bars and snapshots
/// give the same intents.
/// </summary>
/// <remarks>
/// Sizing happens inside the strategy (its <see cref="Strategies.Sizing.IPositionSizer"/>); risk may
/// resize or refuse an increase (<see cref="RiskManager.Review"/>), and each resize or refusal is
/// reported as a <see cref="RiskEvent"/>. A new target replaces a working order (cancel and replace);
/// asking for the position already held withdraws it.
/// </remarks>
public sealed class DecisionPipeline
{
    private readonly IStrategy _strategy;
    private readonly RiskManager _risk;

    /// <summary>A pipeline from <paramref name="strategy"/> through <paramref name="risk"/>.</summary>
    public DecisionPipeline(IStrategy strategy, RiskManager risk) => (_strategy, _risk) = (strategy, risk);

    /// <summary>The strategy.</summary>
    public IStrategy Strategy => _strategy;

    /// <summary>What the strategy reads of a bar (see <see cref="IStrategy.Inputs"/>).</summary>
    public IndicatorInputs Inputs => _strategy.Inputs;

    /// <summary>
    /// Shows the strategy the closed <paramref name="bar"/>. When it wants a change and
    /// <paramref name="act"/> is true, reviews it and appends the resulting intents to <paramref name="intents"/>.
    /// </summary>
    /// <param name="bar">The closed bar (the fields the strategy declared; the others may be NaN).</param>
    /// <param name="position">The instrument's position, working order and attached stop.</param>
    /// <param name="portfolio">The account at this bar's close.</param>
    /// <param name="instrument">The instrument's facts at this bar.</param>
    /// <param name="act">False to only warm the strategy up (bars before the trading window, or the last bar, whose order could never fill).</param>
    /// <param name="intents">Where intents go.</param>
    /// <param name="riskEvent">A resize or refusal by risk, when there was one.</param>
    /// <returns>True when intents were appended.</returns>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // every bar of every run
    public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, bool act,
        List<OrderIntent> intents, out RiskEvent? riskEvent)
    {
        riskEvent = null;
        if (!_strategy.OnBar(bar, position, portfolio, instrument, out var decision) || !act) return false;
        Review(decision, bar.Time, position, portfolio, instrument, intents, out riskEvent);
        return true;
    }

    // Once per decision, kept out of the per-bar path above.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Review(in StrategyDecision decision, long time, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument,
        List<OrderIntent> intents, out RiskEvent? riskEvent)
    {
        riskEvent = null;
        if (decision.Kind == DecisionKind.MoveStopLoss)
        {
            intents.Add(new OrderIntent(OrderIntentKind.MoveStopLoss, null, decision.Reason, decision.EntryPrice));
            return;
        }
        double target = decision.TargetUnits;
        if (target == position.Units)
        {
            if (position.WorkingUnits != 0) intents.Add(new OrderIntent(OrderIntentKind.CancelWorking, null, "cancelled by the strategy"));
            return;
        }
        var review = _risk.Review(position.Units, target, decision.StopLossDistance, portfolio, instrument);
        if (review.Changed) riskEvent = new RiskEvent(new DateTime(time, DateTimeKind.Utc), instrument.Symbol, target, review.TargetUnits, review.Reason!);
        if (position.WorkingUnits != 0) intents.Add(new OrderIntent(OrderIntentKind.CancelWorking, null, "replaced by a new decision"));
        double delta = review.TargetUnits - position.Units;
        var request = new OrderRequest(instrument.Symbol, delta == 0 ? target - position.Units : delta, decision.EntryType,
            decision.EntryType == OrderType.Market ? null : decision.EntryPrice)
        {
            Reason = decision.Reason,
            StopLossDistance = NullIfNaN(decision.StopLossDistance),
            TakeProfitDistance = NullIfNaN(decision.TakeProfitDistance),
            TrailingDistance = NullIfNaN(decision.TrailingDistance),
        };
        intents.Add(delta == 0
            ? new OrderIntent(OrderIntentKind.Refuse, request, review.Reason ?? "no change after risk review")
            : new OrderIntent(OrderIntentKind.Submit, request, decision.Reason));
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
