namespace AlgoTrading.Risk.Rules;

/// <summary>
/// Repeated-rejects breaker: the caller records each broker reject and each accepted order; the limit's
/// number of rejects in a row trips it (a broken account, instrument or order builder), and it refuses
/// entries until the next trading day.
/// </summary>
internal sealed class RepeatedRejectsRule(int limit, CircuitBreaker breaker) : IRiskRule
{
    public string Name => CircuitBreaker.RepeatedRejects;

    /// <summary>Broker rejects since the last accepted order.</summary>
    public int Consecutive { get; set; }

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor) =>
        breaker.Tripped ? RiskRuleResult.Refuse(breaker.Reason!) : RiskRuleResult.Pass;

    /// <summary>A broker reject at <paramref name="utcTicks"/> with the broker's <paramref name="why"/>.</summary>
    public void Reject(long utcTicks, string why)
    {
        if (++Consecutive >= limit) breaker.Trip(utcTicks, $"{Name}: {Consecutive} broker rejects in a row (limit {limit}); last: {why}");
    }
}
