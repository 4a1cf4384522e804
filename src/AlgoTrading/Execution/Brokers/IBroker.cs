using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution.Brokers;

/// <summary>
/// A broker account seen from the trading side: orders in, fills, positions and prices out.
/// Every call takes a <see cref="CancellationToken"/>; implementations also apply their own
/// per-request deadline and throw <see cref="BrokerException"/> (never a transport exception) when
/// the broker refuses or cannot be reached, naming the order concerned.
/// </summary>
/// <remarks>
/// Order submission is idempotent by <see cref="BrokerOrderRequest.ClientId"/>: submitting the same
/// request twice (for example after a lost response) yields the order created the first time,
/// never a second order.
/// </remarks>
public interface IBroker
{
    /// <summary>Balance, NAV, margin and counts of the account.</summary>
    Task<AccountSummary> GetAccountSummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>The instruments the account may trade, with their precisions and margin rates.</summary>
    Task<IReadOnlyList<BrokerInstrument>> GetInstrumentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Submits an order once; a repeat of the same client id returns the existing order.</summary>
    Task<BrokerOrderResult> SubmitOrderAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Replaces the pending order <paramref name="existing"/> by <paramref name="replacement"/> (which carries its own client id).</summary>
    Task<BrokerOrderResult> ReplaceOrderAsync(ClientOrderId existing, BrokerOrderRequest replacement, CancellationToken cancellationToken = default);

    /// <summary>Cancels the pending order with client id <paramref name="order"/>.</summary>
    Task CancelOrderAsync(ClientOrderId order, CancellationToken cancellationToken = default);

    /// <summary>The order with client id <paramref name="order"/> in any state, or null when the broker never created it.</summary>
    Task<BrokerOrder?> FindOrderAsync(ClientOrderId order, CancellationToken cancellationToken = default);

    /// <summary>Orders waiting to fill (entry orders and the stop-loss, take-profit and trailing-stop orders attached to trades).</summary>
    Task<IReadOnlyList<BrokerOrder>> GetPendingOrdersAsync(CancellationToken cancellationToken = default);

    /// <summary>Open trades.</summary>
    Task<IReadOnlyList<BrokerTrade>> GetOpenTradesAsync(CancellationToken cancellationToken = default);

    /// <summary>Open positions, one per instrument.</summary>
    Task<IReadOnlyList<BrokerPosition>> GetOpenPositionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the whole position in <paramref name="instrument"/> at market; returns the closing transactions.</summary>
    Task<IReadOnlyList<BrokerTransaction>> ClosePositionAsync(string instrument, CancellationToken cancellationToken = default);

    /// <summary>The current bid and ask of <paramref name="instruments"/>.</summary>
    Task<IReadOnlyList<BrokerPrice>> GetPricesAsync(IReadOnlyList<string> instruments, CancellationToken cancellationToken = default);

    /// <summary>Transactions with an id above <paramref name="sinceId"/>, oldest first.</summary>
    Task<IReadOnlyList<BrokerTransaction>> GetTransactionsSinceAsync(long sinceId, CancellationToken cancellationToken = default);

    /// <summary>Prices as they change, until cancelled; reconnects by itself when the stream drops or goes silent.</summary>
    IAsyncEnumerable<BrokerPrice> StreamPricesAsync(IReadOnlyList<string> instruments, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every transaction after <paramref name="sinceId"/>, in id order, each exactly once, until
    /// cancelled: missed ones are backfilled after every reconnect.
    /// </summary>
    IAsyncEnumerable<BrokerTransaction> StreamTransactionsAsync(long sinceId, CancellationToken cancellationToken = default);
}
