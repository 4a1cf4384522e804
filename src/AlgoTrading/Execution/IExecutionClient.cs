using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution;

/// <summary>
/// Where orders go: the simulated client in backtests and paper trading, a broker adapter live.
/// Calls return at once; what happens to an order afterwards (accepted, filled with its
/// <see cref="Domain.Fill"/>, cancelled, rejected, expired) arrives as <see cref="OrderEvent"/>s on
/// <see cref="Events"/>, in the order it happened. Orders are addressed by their deterministic
/// <see cref="ClientOrderId"/>, so a resubmission after a restart is recognised as a duplicate.
/// </summary>
public interface IExecutionClient
{
    /// <summary>Everything that happens to the orders of this client.</summary>
    event Action<OrderEvent>? Events;

    /// <summary>Sends <paramref name="request"/> decided at <paramref name="decisionUtcTicks"/> under <paramref name="clientId"/>; returns the order (submitted, or already accepted or rejected).</summary>
    Order Submit(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks);

    /// <summary>Replaces a live order's price, size, exits or expiry; it keeps its identity.</summary>
    /// <exception cref="InvalidOperationException">No live order has <paramref name="clientId"/>, or the replacement is not allowed.</exception>
    void Replace(ClientOrderId clientId, OrderRequest request);

    /// <summary>Cancels a live order.</summary>
    /// <exception cref="InvalidOperationException">No live order has <paramref name="clientId"/>.</exception>
    void Cancel(ClientOrderId clientId, string reason);

    /// <summary>The orders still working, in submission order (attached exits included).</summary>
    IReadOnlyList<Order> WorkingOrders { get; }
}
