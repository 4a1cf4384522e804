using System.Text.Json;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Live.Journal;

namespace AlgoTrading.Live.Reconciliation;

/// <summary>
/// Brings the journal, the broker client and the broker into agreement, at start and after every
/// reconnect, in this order:
/// <list type="number">
/// <item>Orders the journal holds as intended or sent (no answer recorded) are looked up by client id:
/// found, they take the broker's state and are adopted by the client so their later fills arrive; not
/// found, the broker never received them and they are marked rejected (<c>never reached the broker</c>);
/// the strategy decides again on its next bar.</item>
/// <item>Every broker transaction after the journal's last seen id is applied in id order (fills missed
/// while the runner was down or disconnected reach the portfolio; nothing is applied twice). A fill of an
/// order with a client id the journal does not know (someone else traded the account) is booked too and
/// reported as a mismatch.</item>
/// <item>Positions: the journal's positions (the sum of its fills per instrument) are compared with the
/// broker's. <b>Rule: the broker is the truth.</b> A difference is written to the journal as a
/// <c>reconcile</c> event with both numbers, reported as a mismatch (the runner alerts), and the
/// difference is booked as a fill with reason <c>reconcile</c> at the broker's average price, so the
/// portfolio holds what the account holds.</item>
/// <item>Pending orders at the broker on the run's instruments that the journal does not know (no client
/// id, or one never journaled) are cancelled and reported: the runner owns the account's instruments it
/// trades.</item>
/// </list>
/// </summary>
public static class Reconciler
{
    /// <summary>The journal key of the last broker transaction id applied.</summary>
    public const string LastTransactionKey = "last_transaction_id";

    /// <summary>Reconciles.</summary>
    /// <param name="journal">The run's journal.</param>
    /// <param name="journaled">The journaling client the run's orders go through (its lock guards the journal; its held events are delivered before positions are compared).</param>
    /// <param name="broker">The broker.</param>
    /// <param name="client">The run's broker client (adopts found orders, applies missed transactions).</param>
    /// <param name="instruments">The instruments the run trades.</param>
    /// <param name="bookFill">Books a corrective fill (instrument, signed units, price in the quote currency) into the portfolio.</param>
    /// <param name="cancelById">Cancels a broker order by the broker's id (unknown pending orders); null leaves them and only reports them.</param>
    /// <param name="cancellationToken">Stops the calls.</param>
    /// <param name="reviewFrom">
    /// After a reconnect: the broker's last transaction id when the connection dropped. The transactions since then are
    /// reviewed for fills the journal does not know even when the reconnected stream already delivered them (they are
    /// applied only once); null reviews only the transactions not yet applied (a start).
    /// </param>
    public static async Task<ReconciliationReport> ReconcileAsync(LiveJournal journal, JournaledExecutionClient journaled, IBroker broker, BrokerExecutionClient client,
        IReadOnlyCollection<string> instruments, Action<string, double, double> bookFill, Func<string, CancellationToken, Task>? cancelById = null,
        CancellationToken cancellationToken = default, long? reviewFrom = null)
    {
        journaled.Dispatch(); // what the streams delivered before now is journaled first
        var now = DateTime.UtcNow;
        var journalGate = journaled.JournalGate;
        int confirmed = 0, dropped = 0;
        var mismatches = new List<string>();
        var summary = await broker.GetAccountSummaryAsync(cancellationToken).ConfigureAwait(false);
        string? saved;
        lock (journalGate) saved = journal.Get(LastTransactionKey);
        long since = saved is null ? summary.LastTransactionId : long.Parse(saved, System.Globalization.CultureInfo.InvariantCulture);
        if (client.LastTransactionId < since) client.LastTransactionId = since;

        // 1. Unconfirmed orders, by client id.
        IReadOnlyList<JournalOrder> unconfirmed;
        lock (journalGate) unconfirmed = journal.Unconfirmed();
        foreach (var o in unconfirmed)
        {
            var (id, request, decision) = Intent(journal, journalGate, o);
            var atBroker = await broker.FindOrderAsync(id, cancellationToken).ConfigureAwait(false);
            lock (journalGate)
            {
                if (atBroker is null)
                {
                    dropped++;
                    journal.SetState(now, o.ClientOrderId, JournalOrderState.Rejected, reason: "never reached the broker");
                    journal.Append(now, "reconcile", """{"rule":"unconfirmed order not at the broker: marked rejected"}""", o.Instrument, o.ClientOrderId);
                    continue;
                }
                confirmed++;
                var state = atBroker.Status switch
                {
                    OrderStatus.Filled => JournalOrderState.Filled,
                    OrderStatus.Cancelled => JournalOrderState.Cancelled,
                    _ => JournalOrderState.Accepted,
                };
                journal.SetState(now, o.ClientOrderId, state, atBroker.Id);
                journal.Append(now, "reconcile", JsonSerializer.Serialize(new { rule = "unconfirmed order found at the broker", broker_state = atBroker.Status.ToString(), broker_order_id = atBroker.Id }),
                    o.Instrument, o.ClientOrderId);
            }
            client.Adopt(request, id, decision, atBroker);
        }

        // 2. Transactions since the last one seen.
        long applied = client.LastTransactionId;
        long from = reviewFrom is { } r && r > 0 ? Math.Min(r, applied) : applied;
        var reviewed = await broker.GetTransactionsSinceAsync(from, cancellationToken).ConfigureAwait(false);
        var missed = reviewed.Where(t => t.Id > applied).ToList();
        int fills = 0;
        foreach (var t in reviewed.Where(t => t.Type == "ORDER_FILL" && t.ClientOrderId is not null))
        {
            bool ours;
            lock (journalGate) ours = journal.Order(t.ClientOrderId!) is not null;
            if (ours) continue;
            // Someone else's order filled on the account (by hand, another program): taken as a fill, reported.
            mismatches.Add($"{t.Instrument}: fill {t.Id} of order {t.ClientOrderId} ({t.Units} units) is not in the journal; rule: the broker is the truth, the fill is booked");
            lock (journalGate) journal.Append(now, "reconcile", JsonSerializer.Serialize(new { rule = "unknown fill: booked", transaction_id = t.Id, units = t.Units }), t.Instrument, t.ClientOrderId);
        }
        HashSet<string?> filled;
        lock (journalGate) filled = [.. journal.Events("fill").Select(e => e.ClientOrderId)];
        foreach (var t in missed)
        {
            // A fill journaled before the crash whose transaction id was not yet saved is not applied twice.
            if (t.Type == "ORDER_FILL" && t.Instrument is not null && (filled.Contains(t.ClientOrderId ?? BrokerExecutionClient.ExternalId(t).Value)))
            {
                client.LastTransactionId = t.Id;
                continue;
            }
            foreach (var e in client.ApplyTransaction(t))
                if (e is OrderFilled) fills++;
        }
        journaled.Dispatch(); // the missed fills are journaled (and reach the portfolio) before positions are compared

        // 3. Positions: the broker is the truth.
        var brokerPositions = (await broker.GetOpenPositionsAsync(cancellationToken).ConfigureAwait(false))
            .Where(p => p.NetUnits != 0).ToDictionary(p => p.Instrument, p => (double)p.NetUnits, StringComparer.Ordinal);
        var trades = await broker.GetOpenTradesAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, double> journalPositions;
        lock (journalGate) journalPositions = JournaledPositions(journal);
        foreach (var instrument in brokerPositions.Keys.Union(journalPositions.Keys).Order(StringComparer.Ordinal))
        {
            double ours = journalPositions.GetValueOrDefault(instrument), theirs = brokerPositions.GetValueOrDefault(instrument);
            if (Math.Abs(ours - theirs) < 1e-9) continue;
            var open = trades.Where(t => t.Instrument == instrument && t.CurrentUnits != 0).ToList();
            double price = open.Count == 0 ? double.NaN : (double)(open.Sum(t => t.Price * t.CurrentUnits) / open.Sum(t => t.CurrentUnits));
            var line = $"{instrument}: journal holds {ours} units, broker holds {theirs}; rule: the broker is the truth, {theirs - ours} units booked at {price}";
            mismatches.Add(line);
            lock (journalGate) journal.Append(now, "reconcile", JsonSerializer.Serialize(new { rule = "position mismatch: the broker is the truth", journal_units = ours, broker_units = theirs, price }), instrument);
            bookFill(instrument, theirs - ours, price);
        }

        // 4. Pending orders nobody journaled, on our instruments.
        foreach (var p in await broker.GetPendingOrdersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (p.TradeId is not null || p.Instrument is null || !instruments.Contains(p.Instrument)) continue;
            bool known;
            lock (journalGate) known = p.ClientId is not null && journal.Order(p.ClientId) is not null;
            if (known) continue;
            var line = $"{p.Instrument}: pending order {p.Id} ({p.Type} {p.Units}) is not in the journal; rule: " + (cancelById is null ? "reported, left working" : "cancelled");
            mismatches.Add(line);
            lock (journalGate) journal.Append(now, "reconcile", JsonSerializer.Serialize(new { rule = "unknown pending order: cancelled", broker_order_id = p.Id }), p.Instrument);
            if (cancelById is not null) await cancelById(p.Id, cancellationToken).ConfigureAwait(false);
        }

        long last = Math.Max(client.LastTransactionId, since);
        lock (journalGate)
        {
            journal.Set(LastTransactionKey, last.ToString(System.Globalization.CultureInfo.InvariantCulture));
            journal.Append(now, "reconcile", JsonSerializer.Serialize(new { confirmed, dropped, missed_transactions = missed.Count, missed_fills = fills, mismatches = mismatches.Count, last_transaction_id = last }));
        }
        return new ReconciliationReport(confirmed, dropped, missed.Count, fills, mismatches, brokerPositions, last);
    }

    /// <summary>Net units per instrument from the journal's fills (every fill event, in order).</summary>
    public static Dictionary<string, double> JournaledPositions(LiveJournal journal)
    {
        var positions = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var e in journal.Events("fill"))
        {
            if (e.Instrument is null) continue;
            using var doc = JsonDocument.Parse(e.Payload);
            positions[e.Instrument] = positions.GetValueOrDefault(e.Instrument) + doc.RootElement.GetProperty("units").GetDouble();
        }
        foreach (var k in positions.Where(p => Math.Abs(p.Value) < 1e-9).Select(p => p.Key).ToList()) positions.Remove(k);
        return positions;
    }

    // The order as it was intended, rebuilt from its journaled intent (the client id's components are in it).
    private static (ClientOrderId Id, OrderRequest Request, long Decision) Intent(LiveJournal journal, object gate, JournalOrder o)
    {
        string payload;
        lock (gate) payload = journal.Events("intent").Last(e => e.ClientOrderId == o.ClientOrderId).Payload;
        using var doc = JsonDocument.Parse(payload);
        var r = doc.RootElement;
        long decision = r.GetProperty("decision_utc_ticks").GetInt64();
        var id = ClientOrderId.For(r.GetProperty("strategy").GetString()!, o.Instrument, decision, r.GetProperty("sequence").GetInt32());
        if (id.Value != o.ClientOrderId) throw new InvalidOperationException($"{journal.Path}: intent of order {o.ClientOrderId} does not rebuild its client id");
        var type = Enum.Parse<OrderType>(r.GetProperty("type").GetString()!);
        double? price = r.TryGetProperty("price", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;
        return (id, new OrderRequest(o.Instrument, o.Units, type, price) { Reason = r.TryGetProperty("reason", out var why) ? why.GetString() ?? "" : "" }, decision);
    }
}
