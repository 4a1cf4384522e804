namespace AlgoTrading.Live.Reconciliation;

/// <summary>What one reconciliation of the journal against the broker found and did.</summary>
/// <param name="ConfirmedOrders">Unconfirmed journal orders the broker had (their state taken from the broker).</param>
/// <param name="DroppedOrders">Unconfirmed journal orders the broker never received (marked rejected: never sent).</param>
/// <param name="MissedTransactions">Broker transactions after the journal's last seen id, applied now.</param>
/// <param name="MissedFills">Of those, fills.</param>
/// <param name="Mismatches">Each disagreement, one line naming it and the rule applied (empty when the journal and the broker agree).</param>
/// <param name="BrokerPositions">The broker's net units per instrument after reconciliation.</param>
/// <param name="LastTransactionId">The broker's last transaction id now journaled.</param>
public sealed record ReconciliationReport(int ConfirmedOrders, int DroppedOrders, int MissedTransactions, int MissedFills,
    IReadOnlyList<string> Mismatches, IReadOnlyDictionary<string, double> BrokerPositions, long LastTransactionId)
{
    /// <summary>True when nothing disagreed.</summary>
    public bool Clean => Mismatches.Count == 0;
}
