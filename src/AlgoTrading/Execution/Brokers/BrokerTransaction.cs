namespace AlgoTrading.Execution.Brokers;

/// <summary>
/// One entry of the account's transaction log (ids increase by one). Only the fields a trading loop
/// needs are lifted out; <see cref="Type"/> is the broker's name (ORDER_FILL, MARKET_ORDER,
/// ORDER_CANCEL, MARKET_ORDER_REJECT…).
/// </summary>
/// <param name="Id">Transaction id.</param>
/// <param name="Type">Broker transaction type.</param>
/// <param name="TimeUtc">When it happened.</param>
/// <param name="Instrument">Instrument, when the transaction has one.</param>
/// <param name="Units">Signed units (fills and orders), else 0.</param>
/// <param name="Price">Fill or order price, when present.</param>
/// <param name="OrderId">The order concerned, when present.</param>
/// <param name="ClientOrderId">The order's client id, when present.</param>
/// <param name="Reason">Reason (of a fill, cancel or reject), when present.</param>
/// <param name="RealizedPnl">Realised P&amp;L of a fill, in the account currency.</param>
public sealed record BrokerTransaction(long Id, string Type, DateTime TimeUtc, string? Instrument, decimal Units, decimal? Price,
    string? OrderId, string? ClientOrderId, string? Reason, decimal RealizedPnl);
