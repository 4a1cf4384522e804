namespace AlgoTrading.Live.Journal;

/// <summary>
/// One line of the journal, in the order written: a sequence number, when (UTC), what kind of event
/// (<c>decision</c>, <c>intent</c>, <c>request</c>, <c>response</c>, <c>fill</c>, <c>position</c>,
/// <c>equity</c>, <c>risk</c>, <c>reconcile</c>, <c>disconnect</c>, <c>reconnect</c>, <c>error</c>, <c>start</c>, <c>stop</c>), the instrument
/// and client order id it concerns (if any) and a JSON payload.
/// </summary>
public sealed record JournalEvent(long Sequence, DateTime TimeUtc, string Kind, string? Instrument, string? ClientOrderId, string Payload);
