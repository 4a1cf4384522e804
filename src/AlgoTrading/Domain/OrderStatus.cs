namespace AlgoTrading.Domain;

/// <summary>
/// Where an order is in its life: <see cref="Created"/> → <see cref="Submitted"/> → <see cref="Accepted"/>
/// (working) → <see cref="PartiallyFilled"/> → <see cref="Filled"/>, or it ends <see cref="Cancelled"/>,
/// <see cref="Rejected"/> or <see cref="Expired"/>. The legal moves are enforced by <c>Execution.Orders.Order</c>.
/// </summary>
public enum OrderStatus
{
    /// <summary>Built by the decision pipeline, not yet sent.</summary>
    Created,
    /// <summary>Sent to the execution client; no answer yet.</summary>
    Submitted,
    /// <summary>Accepted and working: waiting for its price or the next bar.</summary>
    Accepted,
    /// <summary>Part of it has filled; the rest is still working.</summary>
    PartiallyFilled,
    /// <summary>Executed in full. Final.</summary>
    Filled,
    /// <summary>Withdrawn (by the strategy, a replacement, a linked exit that filled, or what an IOC order could not fill). Final.</summary>
    Cancelled,
    /// <summary>Refused by risk rules or the broker; see the reason. Final.</summary>
    Rejected,
    /// <summary>Its time in force ran out. Final.</summary>
    Expired,
}
