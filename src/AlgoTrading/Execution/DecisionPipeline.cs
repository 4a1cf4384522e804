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
/// resize or refuse an increase (<see cref="RiskManager.ReviewRequest"/>, which counts working orders
/// and every instrument's exposure), and each resize or refusal is
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
    /// Shows the strategy the closed <paramref name="bar"/>; true when it wants a change that should be
    /// acted on (<paramref name="act"/>), described by <paramref name="decision"/>, to pass to <see cref="Review"/>.
    /// </summary>
    /// <param name="bar">The closed bar (the fields the strategy declared; the others may be NaN).</param>
    /// <param name="position">The instrument's position, working order and attached stop.</param>
    /// <param name="portfolio">The account at this bar's close.</param>
    /// <param name="instrument">The instrument's facts at this bar.</param>
    /// <param name="act">False to only warm the strategy up (bars before the trading window, or the last bar, whose order could never fill).</param>
    /// <param name="decision">What the strategy wants (default when it holds).</param>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // every bar of every run
    public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, bool act, out StrategyDecision decision) =>
        _strategy.OnBar(bar, position, portfolio, instrument, out decision) && act;

    /// <summary>
    /// Reviews <paramref name="decision"/> through risk and appends the resulting intents to <paramref name="intents"/>.
    /// Called once per decision, so the caller gathers the facts risk needs (exposure of every instrument) only then.
    /// </summary>
    /// <param name="decision">What the strategy wants (from <see cref="OnBar"/>).</param>
    /// <param name="request">The facts risk sees: the instrument, its filled and working units, the account, prices,
    /// times and exposure; its target and stop distance are taken from <paramref name="decision"/>.</param>
    /// <param name="intents">Where intents go.</param>
    /// <param name="riskEvent">A resize or refusal by risk, when there was one.</param>
    public void Review(in StrategyDecision decision, in RiskRequest request, List<OrderIntent> intents, out RiskEvent? riskEvent)
    {
        riskEvent = null;
        if (decision.Kind == DecisionKind.MoveStopLoss)
        {
            intents.Add(new OrderIntent(OrderIntentKind.MoveStopLoss, null, decision.Reason, decision.EntryPrice));
            return;
        }
        double target = decision.TargetUnits, current = request.CurrentUnits;
        string symbol = request.Instrument.Symbol;
        if (target == current)
        {
            if (request.WorkingUnits != 0) intents.Add(new OrderIntent(OrderIntentKind.CancelWorking, null, "cancelled by the strategy"));
            return;
        }
        var review = _risk.ReviewRequest(request with { TargetUnits = target, StopDistance = decision.StopLossDistance });
        if (review.Changed) riskEvent = new RiskEvent(new DateTime(request.Time, DateTimeKind.Utc), symbol, target, review.TargetUnits, review.Reason!);
        if (request.WorkingUnits != 0) intents.Add(new OrderIntent(OrderIntentKind.CancelWorking, null, "replaced by a new decision"));
        double delta = review.TargetUnits - current;
        var order = new OrderRequest(symbol, delta == 0 ? target - current : delta, decision.EntryType,
            decision.EntryType == OrderType.Market ? null : decision.EntryPrice)
        {
            Reason = decision.Reason,
            StopLossDistance = NullIfNaN(decision.StopLossDistance),
            TakeProfitDistance = NullIfNaN(decision.TakeProfitDistance),
            TrailingDistance = NullIfNaN(decision.TrailingDistance),
        };
        intents.Add(delta == 0
            ? new OrderIntent(OrderIntentKind.Refuse, order, review.Reason ?? "no change after risk review")
            : new OrderIntent(OrderIntentKind.Submit, order, decision.Reason));
    }

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}
