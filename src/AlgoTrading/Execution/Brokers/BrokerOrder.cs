using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution.Brokers;

/// <summary>
/// An order as the broker holds it. <see cref="Type"/> is the broker's own name (MARKET, LIMIT,
/// STOP, STOP_LOSS, TAKE_PROFIT, TRAILING_STOP_LOSS) because attached orders have no
/// <see cref="OrderType"/> of their own.
/// </summary>
/// <param name="Id">The broker's order id.</param>
/// <param name="ClientId">The client id (<c>clientExtensions.id</c>), null for orders created by the broker (e.g. attached stops).</param>
/// <param name="Type">The broker's order type.</param>
/// <param name="Instrument">The instrument; null for orders attached to a trade.</param>
/// <param name="Units">Signed units; 0 for orders attached to a trade.</param>
/// <param name="Price">Limit, stop or trigger price; null for market orders.</param>
/// <param name="TradeId">The trade an attached order belongs to.</param>
/// <param name="Status">Accepted (working), filled or cancelled.</param>
/// <param name="CreatedUtc">When the broker created it.</param>
public sealed record BrokerOrder(string Id, string? ClientId, string Type, string? Instrument, decimal Units, decimal? Price,
    string? TradeId, OrderStatus Status, DateTime CreatedUtc);

/// <summary>
/// What a submission produced. A market order is <see cref="OrderStatus.Filled"/> (with a price) or
/// <see cref="OrderStatus.Cancelled"/> (with the reason, e.g. FOK not fillable); limit and stop orders
/// are <see cref="OrderStatus.Accepted"/> (working).
/// </summary>
/// <param name="ClientId">The idempotency key.</param>
/// <param name="OrderId">The broker's order id.</param>
/// <param name="Status">Where the order is now.</param>
/// <param name="FilledUnits">Signed units filled; 0 when none.</param>
/// <param name="FillPrice">Average fill price; null when not filled.</param>
/// <param name="TradeId">The trade opened by the fill, if any.</param>
/// <param name="Reason">The broker's cancel reason, when cancelled.</param>
/// <param name="LastTransactionId">The account's last transaction id after the call.</param>
/// <param name="Recovered">True when the order already existed (a retry after a lost answer found it).</param>
public sealed record BrokerOrderResult(ClientOrderId ClientId, string OrderId, OrderStatus Status, decimal FilledUnits, decimal? FillPrice,
    string? TradeId, string? Reason, long LastTransactionId, bool Recovered);
