namespace AlgoTrading.Risk;

/// <summary>
/// One circuit breaker's state: whether it is tripped, since when and why. Part of <see cref="RiskState"/>,
/// so a live runner persists it in its journal and a restart keeps a tripped breaker tripped.
/// </summary>
/// <param name="Name">The breaker (<c>max_drawdown</c>, <c>max_daily_loss</c>, <c>order_rate</c>, <c>stale_prices</c>, <c>repeated_rejects</c>, <c>broker_disconnected</c>).</param>
/// <param name="Tripped">Whether it refuses entries now.</param>
/// <param name="SinceUtcTicks">When it tripped, UTC ticks (<see cref="long.MinValue"/>: not tripped or time unknown).</param>
/// <param name="Reason">Why it tripped (the reason the refusals carry), null when not tripped.</param>
public sealed record BreakerState(string Name, bool Tripped, long SinceUtcTicks, string? Reason);
