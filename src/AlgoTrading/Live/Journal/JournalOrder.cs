namespace AlgoTrading.Live.Journal;

/// <summary>
/// One order as the journal holds it: its deterministic client id (the idempotency key), instrument,
/// signed units, order type, state, the broker's id once known, and the last reason given.
/// Times are UTC.
/// </summary>
public sealed record JournalOrder(
    string ClientOrderId,
    string Instrument,
    double Units,
    string OrderType,
    JournalOrderState State,
    string? BrokerOrderId,
    string? Reason,
    DateTime CreatedUtc,
    DateTime UpdatedUtc);
