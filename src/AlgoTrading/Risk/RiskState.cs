using System.Text.Json.Serialization;

namespace AlgoTrading.Risk;

/// <summary>
/// What the risk manager remembers between bars, exported so a live runner can persist it (in its
/// journal) and restore it after a restart: a tripped breaker stays tripped, with its time and reason.
/// Amounts are in the account currency; the day is the start (UTC ticks) of the trading day the state
/// belongs to. Equal when every value and list is equal (the lists compared item by item). Serialises
/// with System.Text.Json as it is, NaN amounts (before the first bar) included.
/// </summary>
/// <param name="DayStartUtcTicks">Start of the current trading day (long.MinValue before the first bar).</param>
/// <param name="DayStartEquity">Equity at that start (for the daily loss limit).</param>
/// <param name="PeakEquity">Highest equity seen (for the drawdown limit).</param>
/// <param name="DrawdownTripped">Whether the drawdown breaker has tripped (it stays tripped); the same as the <c>max_drawdown</c> entry of <see cref="Breakers"/>.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record RiskState(long DayStartUtcTicks, double DayStartEquity, double PeakEquity, bool DrawdownTripped)
{
    /// <summary>Every configured circuit breaker: tripped or not, since when, why.</summary>
    public IReadOnlyList<BreakerState> Breakers { get; init; } = [];
    /// <summary>Times (UTC ticks, oldest first) of the orders inside the order-rate window, so a restart cannot reset the rate.</summary>
    public IReadOnlyList<long> RecentOrderUtcTicks { get; init; } = [];
    /// <summary>Broker rejects in a row since the last accepted order.</summary>
    public int ConsecutiveRejects { get; init; }

    /// <inheritdoc />
    public bool Equals(RiskState? other) =>
        other is not null && DayStartUtcTicks == other.DayStartUtcTicks && DayStartEquity.Equals(other.DayStartEquity) && PeakEquity.Equals(other.PeakEquity)
        && DrawdownTripped == other.DrawdownTripped && ConsecutiveRejects == other.ConsecutiveRejects
        && Breakers.SequenceEqual(other.Breakers) && RecentOrderUtcTicks.SequenceEqual(other.RecentOrderUtcTicks);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DayStartUtcTicks, DayStartEquity, PeakEquity, DrawdownTripped, ConsecutiveRejects, Breakers.Count);
}
