namespace AlgoTrading.Risk.Rules;

/// <summary>
/// Stale-price breaker: refuses entries when the instrument's latest price is older than the limit at
/// decision time (a frozen feed); a fresh price lifts it. A request without both times is refused too,
/// since its age cannot be told.
/// </summary>
internal sealed class StalePriceRule(double limitSeconds, CircuitBreaker breaker) : IRiskRule
{
    public string Name => CircuitBreaker.StalePrices;

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        if (request.Time == long.MinValue || request.PriceTime == long.MinValue)
            return RiskRuleResult.Refuse($"{Name}: the request for {request.Instrument.Symbol} gives no decision time or price time");
        double age = (request.Time - request.PriceTime) / (double)TimeSpan.TicksPerSecond;
        if (age <= limitSeconds)
        {
            breaker.Clear();
            return RiskRuleResult.Pass;
        }
        string reason = $"{Name}: the {request.Instrument.Symbol} price is {age:F0} s old (limit {limitSeconds:F0} s)";
        breaker.Trip(request.Time, reason);
        return RiskRuleResult.Refuse(reason);
    }
}
