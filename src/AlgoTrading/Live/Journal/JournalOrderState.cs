namespace AlgoTrading.Live.Journal;

/// <summary>
/// Where an order stands as far as the journal knows. <see cref="Intended"/> is written before
/// anything is sent; <see cref="Sent"/> before the request leaves; both mean "the broker may or may
/// not have it" after a crash, and are looked up by client id at reconciliation.
/// </summary>
public enum JournalOrderState
{
    /// <summary>Decided and written; not yet sent.</summary>
    Intended,
    /// <summary>The request is leaving (or left) for the broker; no answer recorded.</summary>
    Sent,
    /// <summary>The broker confirmed it (working or about to fill).</summary>
    Accepted,
    /// <summary>Completely filled.</summary>
    Filled,
    /// <summary>Cancelled (by us, the broker, or expiry).</summary>
    Cancelled,
    /// <summary>Refused by risk or the broker.</summary>
    Rejected,
}
