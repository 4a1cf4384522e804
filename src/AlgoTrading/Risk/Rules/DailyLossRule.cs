namespace AlgoTrading.Risk.Rules;

/// <summary>
/// Daily-loss breaker: refuses entries while today's loss is at or beyond the limit of the day's starting
/// equity. It is tripped while the loss holds (so a recovery within the day lifts it, as the backtests
/// have always behaved) and cleared when the next trading day starts.
/// </summary>
internal sealed class DailyLossRule(double limit, CircuitBreaker breaker) : IRiskRule
{
    public string Name => CircuitBreaker.DailyLoss;

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        var p = request.Portfolio;
        if (!(p.DayStartEquity > 0) || !(1 - p.Equity / p.DayStartEquity >= limit))
        {
            breaker.Clear();
            return RiskRuleResult.Pass;
        }
        string reason = $"max_daily_loss: equity {p.Equity:F2} is {100 * (1 - p.Equity / p.DayStartEquity):F2}% below the day's start {p.DayStartEquity:F2} (limit {100 * limit:F2}%)";
        breaker.Trip(request.Time, reason);
        return RiskRuleResult.Refuse(reason);
    }
}
