using AlgoTrading.Domain;

namespace AlgoTrading.Execution.Orders;

/// <summary>An order with its identity and state. Backtests and live trading share this type.</summary>
public sealed class Order(long id, OrderRequest request, long createdUtcTicks)
{
    /// <summary>Unique within a run, increasing.</summary>
    public long Id { get; } = id;
    /// <summary>What was asked.</summary>
    public OrderRequest Request { get; private set; } = request;
    /// <summary>When it was created (the close of the bar the decision was made on), UTC ticks.</summary>
    public long CreatedUtcTicks { get; } = createdUtcTicks;
    /// <summary>Current state.</summary>
    public OrderStatus Status { get; private set; } = OrderStatus.Accepted;
    /// <summary>Why it was rejected or cancelled.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>Marks the order filled.</summary>
    public void MarkFilled() => Status = OrderStatus.Filled;

    /// <summary>Cancels a pending order.</summary>
    public void Cancel(string reason)
    {
        if (Status != OrderStatus.Accepted) throw new InvalidOperationException($"order {Id} is {Status}, not pending");
        (Status, StatusReason) = (OrderStatus.Cancelled, reason);
    }

    /// <summary>Rejects the order with a reason that names the rule.</summary>
    public void Reject(string reason) => (Status, StatusReason) = (OrderStatus.Rejected, reason);

    /// <summary>Replaces a pending order's price or size (cancel-and-replace keeps the id).</summary>
    public void Replace(OrderRequest request)
    {
        if (Status != OrderStatus.Accepted) throw new InvalidOperationException($"order {Id} is {Status} and cannot be replaced");
        if (request.Instrument != Request.Instrument) throw new ArgumentException("a replacement must be for the same instrument");
        Request = request;
    }
}
