namespace AlgoTrading.Risk;

/// <summary>
/// The mutable state of one breaker, shared by the rule that refuses while it is tripped and the
/// <see cref="RiskManager"/> that feeds it events, exports it and resets it.
/// </summary>
internal sealed class CircuitBreaker(string name, bool resetsDaily)
{
    /// <summary>Breaker names, as reasons and <see cref="BreakerState.Name"/> spell them.</summary>
    internal const string Drawdown = "max_drawdown", DailyLoss = "max_daily_loss", OrderRate = "order_rate",
        StalePrices = "stale_prices", RepeatedRejects = "repeated_rejects", BrokerDisconnected = "broker_disconnected";

    public string Name { get; } = name;
    /// <summary>Whether a new trading day clears it.</summary>
    public bool ResetsDaily { get; } = resetsDaily;
    public bool Tripped { get; private set; }
    public long Since { get; private set; } = long.MinValue;
    public string? Reason { get; private set; }
    /// <summary>Called once each time it trips (alerts, metrics).</summary>
    public Action<BreakerState>? OnTrip { get; set; }

    /// <summary>Trips it (a tripped breaker keeps its first time and reason).</summary>
    public void Trip(long utcTicks, string reason)
    {
        if (Tripped) return;
        (Tripped, Since, Reason) = (true, utcTicks, reason);
        OnTrip?.Invoke(State);
    }

    public void Clear() => (Tripped, Since, Reason) = (false, long.MinValue, null);

    public BreakerState State => new(Name, Tripped, Since, Reason);

    public void Restore(BreakerState state) => (Tripped, Since, Reason) = (state.Tripped, state.SinceUtcTicks, state.Reason);
}
