namespace AlgoTrading.Risk.Rules;

/// <summary>
/// Broker-disconnection breaker: the caller reports when the connection drops and when it is back (after
/// reconciling). A review while it has been down for the limit or longer trips it; it refuses entries
/// until the connection is reported back.
/// </summary>
internal sealed class BrokerConnectionRule(double limitSeconds, CircuitBreaker breaker) : IRiskRule
{
    private long _downSince = long.MinValue;

    public string Name => CircuitBreaker.BrokerDisconnected;

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        if (!breaker.Tripped && _downSince != long.MinValue && request.Time != long.MinValue)
        {
            double seconds = (request.Time - _downSince) / (double)TimeSpan.TicksPerSecond;
            if (seconds >= limitSeconds) breaker.Trip(request.Time, $"{Name}: no broker connection for {seconds:F0} s (limit {limitSeconds:F0} s)");
        }
        return breaker.Tripped ? RiskRuleResult.Refuse(breaker.Reason!) : RiskRuleResult.Pass;
    }

    /// <summary>The connection dropped at <paramref name="utcTicks"/> (a second report keeps the first time).</summary>
    public void Disconnected(long utcTicks)
    {
        if (_downSince == long.MinValue) _downSince = utcTicks;
    }

    /// <summary>The connection is back and reconciled: the breaker clears.</summary>
    public void Connected()
    {
        _downSince = long.MinValue;
        breaker.Clear();
    }
}
