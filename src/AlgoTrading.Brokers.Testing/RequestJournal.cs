namespace AlgoTrading.Brokers.Testing;

/// <summary>One request the fake server received.</summary>
/// <param name="Sequence">Arrival order, from 1.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Route">Path after <c>/v3/</c> with the account id replaced by <c>{account}</c>.</param>
/// <param name="ClientOrderId">The <c>clientExtensions.id</c> of an order submission or replacement.</param>
/// <param name="Fault">The fault injected.</param>
/// <param name="Executed">Whether the request changed or read state (false when a fault stopped it first).</param>
public sealed record JournalEntry(long Sequence, string Method, string Route, string? ClientOrderId, FaultKind Fault, bool Executed);

/// <summary>Every request the fake server received, in order, for assertions about retries, duplicates and backfills.</summary>
public sealed class RequestJournal
{
    private readonly List<JournalEntry> _entries = [];
    private long _sequence;

    internal JournalEntry Add(string method, string route, string? clientOrderId, FaultKind fault, bool executed)
    {
        lock (_entries)
        {
            var entry = new JournalEntry(++_sequence, method, route, clientOrderId, fault, executed);
            _entries.Add(entry);
            return entry;
        }
    }

    /// <summary>A copy of the entries so far.</summary>
    public IReadOnlyList<JournalEntry> Entries { get { lock (_entries) return [.. _entries]; } }

    /// <summary>
    /// The transaction stream connections (after the first) not followed by a <c>sinceid</c> backfill
    /// request before the next connection: 0 when the client never skipped a backfill.
    /// </summary>
    public int ReconnectsWithoutBackfill()
    {
        var entries = Entries;
        int missing = 0;
        var connects = entries.Where(e => e.Route.EndsWith("transactions/stream", StringComparison.Ordinal) && e.Fault != FaultKind.AbortBeforeExecution).ToList();
        for (int i = 0; i < connects.Count; i++)
        {
            long from = connects[i].Sequence, to = i + 1 < connects.Count ? connects[i + 1].Sequence : long.MaxValue;
            bool streamFailedAtOnce = connects[i].Fault is FaultKind.RateLimited or FaultKind.ServerError;
            if (streamFailedAtOnce) continue; // nothing was connected, so nothing to backfill after
            if (!entries.Any(e => e.Sequence > from && e.Sequence < to && e.Route.Contains("transactions/sinceid", StringComparison.Ordinal))) missing++;
        }
        return missing;
    }
}
