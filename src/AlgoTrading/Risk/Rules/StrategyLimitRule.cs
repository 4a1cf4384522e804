namespace AlgoTrading.Risk.Rules;

/// <summary>Per-strategy limits (<see cref="RiskLimits.Strategies"/>): the gross notional of the strategy's positions and working orders as a multiple of equity.</summary>
internal sealed class StrategyLimitRule(IReadOnlyDictionary<string, StrategyRiskLimits> limits) : IRiskRule
{
    private static readonly Func<InstrumentExposure, string?, bool> SameStrategy = (e, strategy) => e.Strategy == strategy;

    public string Name => "strategy_limit";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor) =>
        request.Strategy is { } strategy && limits.TryGetValue(strategy, out var limit) && limit.MaxLeverage is { } maxLeverage
            ? ExposureCap.GrossCap(Name, strategy, request, maxLeverage, allowed, floor, SameStrategy, strategy)
            : RiskRuleResult.Pass;
}
