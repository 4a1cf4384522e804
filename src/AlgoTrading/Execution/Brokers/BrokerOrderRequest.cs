using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution.Brokers;

/// <summary>
/// An order as sent to a broker. Units are signed: positive buys, negative sells. Prices are in the
/// instrument's quote currency and are rounded to its display precision on the wire.
/// </summary>
public sealed record BrokerOrderRequest
{
    /// <summary>The deterministic client id: the idempotency key of the order.</summary>
    public required ClientOrderId ClientId { get; init; }
    /// <summary>Market, limit or stop.</summary>
    public OrderType Type { get; init; } = OrderType.Market;
    /// <summary>Signed units (base currency units for FX, contracts for index CFDs); never zero.</summary>
    public required decimal Units { get; init; }
    /// <summary>The instrument, taken from <see cref="ClientId"/>.</summary>
    public string Instrument => ClientId.Instrument;
    /// <summary>Limit or stop trigger price; null for market orders.</summary>
    public decimal? Price { get; init; }
    /// <summary>Default: fill-or-kill for market orders, good-till-cancelled for limit and stop orders.</summary>
    public TimeInForce? TimeInForce { get; init; }
    /// <summary>Expiry (UTC) for <see cref="Orders.TimeInForce.GoodTillDate"/>.</summary>
    public DateTime? GoodTillUtc { get; init; }
    /// <summary>Worst acceptable fill price of a market order (above for a buy, below for a sell); null for none.</summary>
    public decimal? PriceBound { get; init; }
    /// <summary>Stop-loss price attached to the trade the fill opens.</summary>
    public decimal? StopLoss { get; init; }
    /// <summary>Take-profit price attached to the trade the fill opens.</summary>
    public decimal? TakeProfit { get; init; }
    /// <summary>Trailing stop distance in price units attached to the trade the fill opens.</summary>
    public decimal? TrailingStopDistance { get; init; }

    /// <summary>The time in force actually used.</summary>
    public TimeInForce EffectiveTimeInForce => TimeInForce ?? (Type == OrderType.Market ? Orders.TimeInForce.FillOrKill : Orders.TimeInForce.GoodTillCancelled);
}
