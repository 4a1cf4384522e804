namespace AlgoTrading.Risk.Rules;

/// <summary>
/// Order-rate breaker: the caller records every order it sends; more than the limit inside the window
/// trips it (a strategy or loop gone wild), and it refuses entries until the next trading day.
/// Keeps the times of the last limit + 1 orders in a ring, so recording allocates nothing.
/// </summary>
internal sealed class OrderRateRule(int limit, double windowSeconds, CircuitBreaker breaker) : IRiskRule
{
    private readonly long[] _times = new long[limit + 1];
    private int _next, _count;

    public string Name => CircuitBreaker.OrderRate;

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor) =>
        breaker.Tripped ? RiskRuleResult.Refuse(breaker.Reason!) : RiskRuleResult.Pass;

    /// <summary>Records an order sent at <paramref name="utcTicks"/>; trips when it is one more than the limit inside the window.</summary>
    public void Record(long utcTicks)
    {
        _times[_next] = utcTicks;
        _next = (_next + 1) % _times.Length;
        _count = Math.Min(_count + 1, _times.Length);
        long oldest = _times[_next % _times.Length]; // with a full ring, the slot to be overwritten next is the oldest
        if (_count == _times.Length && utcTicks - oldest < (long)(windowSeconds * TimeSpan.TicksPerSecond))
            breaker.Trip(utcTicks, $"{Name}: {_count} orders within {(utcTicks - oldest) / (double)TimeSpan.TicksPerSecond:F0} s (limit {limit} per {windowSeconds:F0} s)");
    }

    /// <summary>The recorded order times still inside the window ending at the latest one, oldest first (for <see cref="RiskState"/>).</summary>
    public long[] Recent()
    {
        var all = new long[_count];
        for (int i = 0; i < _count; i++) all[i] = _times[(_next - _count + i + _times.Length) % _times.Length];
        if (_count == 0) return all;
        long from = all[^1] - (long)(windowSeconds * TimeSpan.TicksPerSecond);
        return [.. all.Where(t => t > from)];
    }

    /// <summary>Continues from persisted order times (oldest first), without tripping again.</summary>
    public void Restore(IReadOnlyList<long> times)
    {
        (_next, _count) = (0, 0);
        foreach (long t in times.Skip(Math.Max(0, times.Count - _times.Length)))
        {
            _times[_next] = t;
            _next = (_next + 1) % _times.Length;
            _count++;
        }
    }
}
