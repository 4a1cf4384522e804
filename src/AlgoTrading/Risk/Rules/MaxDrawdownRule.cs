namespace AlgoTrading.Risk.Rules;

/// <summary>Drawdown breaker: refuses entries once equity is the limit below its peak, and stays tripped (across restarts too).</summary>
internal sealed class MaxDrawdownRule(double limit, CircuitBreaker breaker) : IRiskRule
{
    public string Name => CircuitBreaker.Drawdown;

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        var p = request.Portfolio;
        if (!(p.PeakEquity > 0) || !(breaker.Tripped || 1 - p.Equity / p.PeakEquity >= limit)) return RiskRuleResult.Pass;
        string reason = $"max_drawdown: equity {p.Equity:F2} is {100 * (1 - p.Equity / p.PeakEquity):F2}% below its peak {p.PeakEquity:F2} (limit {100 * limit:F2}%)";
        breaker.Trip(request.Time, reason);
        return RiskRuleResult.Refuse(reason);
    }
}
