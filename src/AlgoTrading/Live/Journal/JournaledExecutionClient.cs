using System.Collections.Concurrent;
using System.Text.Json;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Live.Journal;

/// <summary>
/// Puts the journal beside the trading core's execution client, in one of two ways.
/// <see cref="Wrap"/> (a broker): every order is written as an intent before the broker client sees
/// it, and every event is written before the core sees it, so a crash at any point leaves the journal at
/// least as far as the broker; the broker client's events (raised on its own threads) are held until the
/// runner's loop calls <see cref="Dispatch"/>. <see cref="Observe"/> (the paper client, which the core
/// drives itself bar by bar): the client's events are journaled as it raises them, before the core's own
/// subscription sees them; an order is journaled at its first event, inside the call that created it,
/// since nothing leaves the process.
/// </summary>
/// <remarks>
/// An order whose client id is already journaled (the same decision after a restart) is not written
/// again; it is still handed to the inner client, whose idempotency by client id returns the existing
/// order instead of creating another. The journal therefore never holds an order twice.
/// </remarks>
public sealed class JournaledExecutionClient : IExecutionClient
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly IExecutionClient _inner;
    private readonly LiveJournal _journal;
    private readonly ConcurrentQueue<OrderEvent> _held = new();

    private readonly bool _forward;

    private JournaledExecutionClient(IExecutionClient inner, LiveJournal journal, bool forward, Func<DateTime>? clock)
    {
        (_inner, _journal, _forward, Clock) = (inner, journal, forward, clock ?? (() => DateTime.UtcNow));
        _inner.Events += OnInnerEvent;
    }

    /// <summary>
    /// Journals what goes to and comes from <paramref name="inner"/> (a broker client); give the core this
    /// object as its client.
    /// </summary>
    public static JournaledExecutionClient Wrap(IExecutionClient inner, LiveJournal journal, Func<DateTime>? clock = null) => new(inner, journal, forward: true, clock);

    /// <summary>
    /// Journals the events of <paramref name="client"/> (the paper client), which the core is given
    /// directly; create this before the core so the journal hears every event first.
    /// </summary>
    public static JournaledExecutionClient Observe(IExecutionClient client, LiveJournal journal, Func<DateTime>? clock = null) => new(client, journal, forward: false, clock);

    /// <summary>The journal's clock (wall time live; a replay's own time may be passed).</summary>
    public Func<DateTime> Clock { get; set; }

    /// <summary>
    /// The quote-to-account rate a fill of an instrument is booked at now (the core's); journaled with every fill so a
    /// restart rebuilds the portfolio at the same rates. Null journals 1.
    /// </summary>
    public Func<string, double>? RateOf { get; set; }

    /// <summary>Lock this to write to the journal from another thread than the loop.</summary>
    public object JournalGate { get; } = new();

    /// <summary>Orders sent (each client id counted once).</summary>
    public int Submitted { get; private set; }
    /// <summary>Fills received.</summary>
    public int Fills { get; private set; }
    /// <summary>Orders rejected by the broker or the client.</summary>
    public int Rejects { get; private set; }

    /// <summary>Told about every event after it is journaled (metrics, alerts); runs on the loop.</summary>
    public event Action<OrderEvent>? Journaled;

    /// <inheritdoc />
    public event Action<OrderEvent>? Events;

    /// <inheritdoc />
    public IReadOnlyList<Order> WorkingOrders => _inner.WorkingOrders;

    /// <inheritdoc />
    public Order Submit(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks)
    {
        if (!_forward) return _inner.Submit(request, clientId, decisionUtcTicks); // observed: journaled at its first event
        var payload = IntentPayload(request, clientId, decisionUtcTicks, "runner");
        bool fresh;
        // Recorded as Sent in the same transaction: the request leaves right after, and either way reconciliation looks it up.
        lock (JournalGate) fresh = _journal.TryRecordIntent(Clock(), clientId.Value, request.Instrument, request.Units, request.Type.ToString(), payload, JournalOrderState.Sent);
        if (fresh)
        {
            Submitted++;
            return _inner.Submit(request, clientId, decisionUtcTicks);
        }
        // Journaled by an earlier run (and reconciled at this start): the broker client knows it if it still
        // works; otherwise it is over, and its outcome is already in the journal and the portfolio.
        if (_inner is Execution.Brokers.BrokerExecutionClient broker && broker.Find(clientId) is { } known) return known;
        JournalOrder? journaled;
        lock (JournalGate) journaled = _journal.Order(clientId.Value);
        return Mirror(request, clientId, decisionUtcTicks, journaled?.State ?? JournalOrderState.Rejected, journaled?.Reason);
    }

    /// <inheritdoc />
    public void Replace(ClientOrderId clientId, OrderRequest request)
    {
        if (!_forward) { _inner.Replace(clientId, request); return; }
        lock (JournalGate) _journal.Append(Clock(), "request", JsonSerializer.Serialize(new { action = "replace", units = request.Units, price = request.Price }, Json), request.Instrument, clientId.Value);
        _inner.Replace(clientId, request);
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId clientId, string reason)
    {
        if (!_forward) { _inner.Cancel(clientId, reason); return; }
        lock (JournalGate) _journal.Append(Clock(), "request", JsonSerializer.Serialize(new { action = "cancel", reason }, Json), clientId.Instrument, clientId.Value);
        _inner.Cancel(clientId, reason);
    }

    // An order decided again after a restart, in the final state the journal holds; it raises no event.
    private static Order Mirror(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks, JournalOrderState state, string? reason)
    {
        var order = new Order(0, request, decisionUtcTicks, clientId);
        order.Submit();
        switch (state)
        {
            case JournalOrderState.Filled:
                order.Accept();
                order.Fill(request.Units, double.NaN); // the fill itself is in the journal and the portfolio already
                break;
            case JournalOrderState.Cancelled:
                order.Cancel(reason ?? "cancelled before the restart");
                break;
            default:
                order.Reject(reason ?? "already journaled");
                break;
        }
        return order;
    }

    // What reconciliation needs to rebuild the order and its client id after a restart.
    private static string IntentPayload(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks, string origin) => JsonSerializer.Serialize(new
    {
        origin, strategy = clientId.Strategy, decision_utc_ticks = decisionUtcTicks, sequence = clientId.Sequence, instrument = request.Instrument,
        units = request.Units, type = request.Type.ToString(), price = request.Price, stop_loss = request.StopLoss, take_profit = request.TakeProfit,
        trailing_distance = request.TrailingDistance, time_in_force = request.TimeInForce.ToString(), reason = request.Reason,
    }, Json);

    /// <summary>Journals and delivers the events held from other threads, in the order they happened; returns how many.</summary>
    public int Dispatch()
    {
        int n = 0;
        while (_held.TryDequeue(out var e)) { Deliver(e); n++; }
        return n;
    }

    // The paper client raises its events inside the core's own calls, on the loop: journaled at once. A
    // broker client raises them on its sender or stream thread: held for the loop. (The loop's own thread
    // may change across awaits, so the mode decides, not the thread.)
    private void OnInnerEvent(OrderEvent e)
    {
        if (!_forward) Deliver(e);
        else _held.Enqueue(e);
    }

    private void Deliver(OrderEvent e)
    {
        var order = e.Order;
        var id = order.ClientId.Value;
        var time = new DateTime(e.TimeUtcTicks, DateTimeKind.Utc);
        lock (JournalGate)
        {
            // Observed orders, and orders a broker made itself (stops attached to a trade), are journaled on first sight.
            if (_journal.Order(id) is null
                && _journal.TryRecordIntent(time, id, order.Request.Instrument, order.Request.Units, order.Request.Type.ToString(), IntentPayload(order.Request, order.ClientId, order.CreatedUtcTicks, _forward ? "broker" : "client"))
                && !_forward) Submitted++;
            switch (e)
            {
                case OrderAccepted:
                    _journal.SetState(time, id, JournalOrderState.Accepted);
                    _journal.Append(time, "response", """{"status":"accepted"}""", order.Request.Instrument, id);
                    break;
                case OrderFilled f:
                    Fills++;
                    _journal.Append(time, "fill", JsonSerializer.Serialize(new
                    {
                        units = f.Fill.Units, price = f.Fill.Price, time_utc_ticks = f.Fill.TimeUtcTicks, reason = f.Fill.Reason,
                        spread = f.Fill.Costs.Spread, commission = f.Fill.Costs.Commission, slippage = f.Fill.Costs.Slippage,
                        rate = RateOf?.Invoke(order.Request.Instrument) ?? 1,
                    }, Json), order.Request.Instrument, id);
                    if (order.Status == Domain.OrderStatus.Filled) _journal.SetState(time, id, JournalOrderState.Filled);
                    break;
                case OrderRejected r:
                    Rejects++;
                    _journal.SetState(time, id, JournalOrderState.Rejected, reason: r.Reason);
                    _journal.Append(time, "response", JsonSerializer.Serialize(new { status = "rejected", reason = r.Reason }, Json), order.Request.Instrument, id);
                    break;
                case OrderCancelled c:
                    _journal.SetState(time, id, JournalOrderState.Cancelled, reason: c.Reason);
                    _journal.Append(time, "response", JsonSerializer.Serialize(new { status = "cancelled", reason = c.Reason }, Json), order.Request.Instrument, id);
                    break;
                case OrderExpired x:
                    _journal.SetState(time, id, JournalOrderState.Cancelled, reason: x.Reason);
                    _journal.Append(time, "response", JsonSerializer.Serialize(new { status = "expired", reason = x.Reason }, Json), order.Request.Instrument, id);
                    break;
                case OrderReplaced:
                    _journal.Append(time, "response", JsonSerializer.Serialize(new { status = "replaced", units = order.Request.Units, price = order.Request.Price }, Json), order.Request.Instrument, id);
                    break;
            }
        }
        Journaled?.Invoke(e);
        if (_forward) Events?.Invoke(e);
    }
}
