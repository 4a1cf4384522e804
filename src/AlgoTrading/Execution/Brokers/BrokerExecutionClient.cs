using System.Collections.Concurrent;
using System.Threading.Channels;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution.Brokers;

/// <summary>
/// An <see cref="IExecutionClient"/> over a real broker (<see cref="IBroker"/>): what the trading core
/// drives live. <see cref="Submit"/>, <see cref="Replace"/> and <see cref="Cancel"/> return at once and
/// queue the call for one background sender, in order; what the broker answers, and what its
/// transaction log says later (<see cref="ApplyTransaction"/>: fills of working orders and of the
/// stops attached to trades, cancels), comes out as <see cref="OrderEvent"/>s on <see cref="Events"/>,
/// raised on the sender's or the caller's thread (a runner queues them for its own loop).
/// </summary>
/// <remarks>
/// Every order goes out under its deterministic <see cref="ClientOrderId"/>: the broker creates it at
/// most once (a lost answer is looked up by client id, never blindly resent), and submitting a client
/// id this client already knows returns the known order. A fill is reported once: the fill in the
/// submission's answer and the same fill in the transaction log are recognised by the broker's order
/// id. Fills carry no separate costs: the spread is inside the broker's price and OANDA charges no
/// commission on these accounts; financing arrives as its own transactions and is not an order event.
/// </remarks>
public sealed class BrokerExecutionClient : IExecutionClient, IAsyncDisposable
{
    private readonly IBroker _broker;
    private readonly Action<string>? _log;
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<ClientOrderId, Order> _byClientId = new();
    private readonly ConcurrentDictionary<string, Order> _byBrokerId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientOrderId> _clientIdByValue = new(StringComparer.Ordinal);
    private readonly object _gate = new(); // order state changes and events happen one at a time
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private long _nextId, _queued, _done, _lastTransactionId;

    /// <summary>A client sending to <paramref name="broker"/>; <paramref name="log"/> receives one line per failure (never a secret).</summary>
    public BrokerExecutionClient(IBroker broker, Action<string>? log = null)
    {
        (_broker, _log) = (broker, log);
        _sender = Task.Run(SendLoopAsync);
    }

    /// <inheritdoc />
    public event Action<OrderEvent>? Events;

    /// <summary>
    /// The id of the last transaction applied through <see cref="ApplyTransaction"/> (0 before any). An
    /// answer's own last transaction id is not taken: the log up to it has not been read.
    /// </summary>
    /// <remarks>Read under the same lock that raises a transaction's events: once read, every event of the
    /// transactions up to it has been raised, so a caller that then delivers what it holds may persist it.</remarks>
    public long LastTransactionId
    {
        get { lock (_gate) return _lastTransactionId; }
        set { lock (_gate) _lastTransactionId = value; } // restored from the journal at start
    }

    /// <summary>Calls queued and not yet answered.</summary>
    public long Pending => Interlocked.Read(ref _queued) - Interlocked.Read(ref _done);

    /// <inheritdoc />
    public IReadOnlyList<Order> WorkingOrders
    {
        get { lock (_gate) return _byClientId.Values.Where(o => !o.IsFinal).OrderBy(o => o.Id).ToList(); }
    }

    /// <summary>The order with <paramref name="clientId"/>, when this client knows it.</summary>
    public Order? Find(ClientOrderId clientId) => _byClientId.GetValueOrDefault(clientId);

    /// <inheritdoc />
    public Order Submit(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks)
    {
        lock (_gate)
        {
            if (_byClientId.TryGetValue(clientId, out var existing)) return existing; // the same decision twice: one order
            var order = new Order(Interlocked.Increment(ref _nextId), request, decisionUtcTicks, clientId);
            _byClientId[clientId] = order;
            _clientIdByValue[clientId.Value] = clientId;
            order.Submit();
            Enqueue(() => SendAsync(order));
            return order;
        }
    }

    /// <summary>
    /// Adopts an order the broker already has (found by client id at reconciliation after a restart), so
    /// that its later fills and cancels reach <see cref="Events"/>; returns the order in the broker's state.
    /// </summary>
    public Order Adopt(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks, BrokerOrder atBroker)
    {
        lock (_gate)
        {
            if (_byClientId.TryGetValue(clientId, out var existing)) return existing;
            var order = new Order(Interlocked.Increment(ref _nextId), request, decisionUtcTicks, clientId);
            order.Submit();
            order.Accept();
            _byClientId[clientId] = order;
            _clientIdByValue[clientId.Value] = clientId;
            _byBrokerId[atBroker.Id] = order;
            return order;
        }
    }

    /// <inheritdoc />
    public void Replace(ClientOrderId clientId, OrderRequest request)
    {
        var order = WorkingOrThrow(clientId);
        Enqueue(async () =>
        {
            var result = await _broker.ReplaceOrderAsync(clientId, ToBroker(request, clientId), _stop.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _byBrokerId[result.OrderId] = order;
                order.Replace(request);
                Raise(new OrderReplaced(order, DateTime.UtcNow.Ticks));
            }
        });
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId clientId, string reason)
    {
        var order = WorkingOrThrow(clientId);
        Enqueue(async () =>
        {
            await _broker.CancelOrderAsync(clientId, _stop.Token).ConfigureAwait(false);
            lock (_gate)
                if (!order.IsFinal)
                {
                    order.Cancel(reason);
                    Raise(new OrderCancelled(order, DateTime.UtcNow.Ticks, reason));
                }
        });
    }

    private Order WorkingOrThrow(ClientOrderId clientId) =>
        _byClientId.TryGetValue(clientId, out var o) && !o.IsFinal ? o : throw new InvalidOperationException($"no working order {clientId}");

    /// <summary>
    /// Applies one transaction of the broker's log (from its transaction stream, or a catch-up after a
    /// reconnect): the fill of a working order or of a stop or target attached to a trade, a cancel, a
    /// reject. Transactions already seen (id at or below <see cref="LastTransactionId"/>) are ignored,
    /// so the same log may be read twice. Returns the events it raised.
    /// </summary>
    public IReadOnlyList<OrderEvent> ApplyTransaction(BrokerTransaction t)
    {
        lock (_gate)
        {
            if (t.Id <= _lastTransactionId) return [];
            _lastTransactionId = t.Id;
            var raised = new List<OrderEvent>();
            var order = OrderOf(t);
            switch (t.Type)
            {
                case "ORDER_FILL" when t.Units != 0 && t.Instrument is not null:
                    // A fill of an order refused or withdrawn here is still a fill (the broker is the truth): booked under the
                    // order's own client id when it is ours (an answer lost or garbled after the broker executed it), else as the broker's own.
                    if (order is null) order = External(t);
                    else if (order.Status is OrderStatus.Rejected or OrderStatus.Cancelled) order = Reopened(order, t);
                    if (order.IsFinal) break; // the fill already came with the submission's answer
                    if (order.Status == OrderStatus.Submitted) Raise(Accepted(order, t), raised);
                    double units = (double)t.Units, price = (double)(t.Price ?? 0);
                    order.Fill(Math.Sign(order.RemainingUnits) == Math.Sign(units) && Math.Abs(units) <= Math.Abs(order.RemainingUnits) * (1 + 1e-12) ? units : order.RemainingUnits, price);
                    Raise(new OrderFilled(order, t.TimeUtc.Ticks, new Fill(order.Id, t.Instrument, t.TimeUtc.Ticks, units, price, default, order.Request.Reason)), raised);
                    break;
                case "ORDER_CANCEL" when order is { IsFinal: false }:
                    order.Cancel(t.Reason ?? "cancelled by the broker");
                    Raise(new OrderCancelled(order, t.TimeUtc.Ticks, order.StatusReason!), raised);
                    break;
            }
            return raised;
        }
    }

    private Order? OrderOf(BrokerTransaction t)
    {
        if (t.OrderId is { } id && _byBrokerId.TryGetValue(id, out var o)) return o;
        if (t.ClientOrderId is { } c && _clientIdByValue.TryGetValue(c, out var cid) && _byClientId.TryGetValue(cid, out o))
        {
            if (t.OrderId is { } bid) _byBrokerId[bid] = o;
            return o;
        }
        return null;
    }

    // A fill of an order this client did not send: a stop-loss, take-profit or trailing stop the broker
    // attached to a trade. It becomes an order of its own so the portfolio sees the fill.
    private Order External(BrokerTransaction t)
    {
        var clientId = ExternalId(t);
        var order = new Order(Interlocked.Increment(ref _nextId), new OrderRequest(t.Instrument!, (double)t.Units) { Reason = "exit:" + (t.Reason ?? "broker").ToLowerInvariant() },
            t.TimeUtc.Ticks, clientId);
        order.Submit();
        order.Accept();
        _byClientId[clientId] = order;
        if (t.OrderId is { } id) _byBrokerId[id] = order;
        return order;
    }

    // The broker filled an order this client had marked rejected or cancelled: a new order object under the same client
    // id (a final state cannot be undone), so the journal and the portfolio book the fill under the id the broker has.
    private Order Reopened(Order refused, BrokerTransaction t)
    {
        var order = new Order(Interlocked.Increment(ref _nextId), refused.Request with { Units = (double)t.Units }, refused.CreatedUtcTicks, refused.ClientId);
        order.Submit();
        order.Accept();
        _byClientId[refused.ClientId] = order;
        if (t.OrderId is { } id) _byBrokerId[id] = order;
        _log?.Invoke($"order {refused.ClientId.Value} ({refused.Request.Instrument}) was {refused.Status.ToString().ToLowerInvariant()} here but the broker filled it: booked as filled");
        return order;
    }

    /// <summary>The client id given to the fill <paramref name="t"/> of an order this client did not send (derived from the transaction, so the same after a restart).</summary>
    public static ClientOrderId ExternalId(BrokerTransaction t) => ClientOrderId.For("broker", t.Instrument ?? "", t.TimeUtc.Ticks, (int)(t.Id % int.MaxValue));

    private static OrderAccepted Accepted(Order order, BrokerTransaction t)
    {
        order.Accept();
        return new OrderAccepted(order, t.TimeUtc.Ticks);
    }

    /// <summary>Waits until every queued call has been answered (or failed).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (Pending > 0) await Task.Delay(5, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(Order order)
    {
        var request = ToBroker(order.Request, order.ClientId);
        BrokerOrderResult result;
        try
        {
            result = await _broker.SubmitOrderAsync(request, _stop.Token).ConfigureAwait(false);
        }
        catch (BrokerException e) when (e.Kind != BrokerErrorKind.Transient)
        {
            lock (_gate)
            {
                order.Reject(e.Reason ?? e.Kind.ToString());
                Raise(new OrderRejected(order, DateTime.UtcNow.Ticks, $"broker {e.Kind}: {e.Reason}"));
            }
            return;
        }
        catch (BrokerException e)
        {
            // Retries ran out and even the lookup by client id may have failed: the outcome is unknown. The
            // order stays submitted (not working, so the core does not count on it); if the broker has it, its
            // fill arrives through the transaction log, and the next reconciliation settles it either way.
            _log?.Invoke($"order {order.ClientId.Value} ({order.Request.Instrument}): outcome unknown after retries ({e.Kind}); left to the transaction log and reconciliation");
            return;
        }
        lock (_gate)
        {
            _byBrokerId[result.OrderId] = order;
            if (order.IsFinal) return; // the transaction log got there first
            long now = DateTime.UtcNow.Ticks;
            switch (result.Status)
            {
                case OrderStatus.Filled when result.FilledUnits != 0:
                    order.Accept();
                    Raise(new OrderAccepted(order, now));
                    double units = (double)result.FilledUnits, price = (double)(result.FillPrice ?? 0);
                    order.Fill(units, price);
                    Raise(new OrderFilled(order, now, new Fill(order.Id, order.Request.Instrument, now, units, price, default, order.Request.Reason)));
                    break;
                case OrderStatus.Cancelled:
                    order.Cancel(result.Reason ?? "cancelled by the broker");
                    Raise(new OrderCancelled(order, now, order.StatusReason!));
                    break;
                default:
                    order.Accept();
                    Raise(new OrderAccepted(order, now));
                    break;
            }
        }
    }

    private static BrokerOrderRequest ToBroker(OrderRequest r, ClientOrderId clientId) => new()
    {
        ClientId = clientId,
        Type = r.Type,
        Units = (decimal)r.Units,
        Price = r.Price is { } p ? (decimal)p : null,
        TimeInForce = r.Type == OrderType.Market ? TimeInForce.FillOrKill : r.TimeInForce,
        GoodTillUtc = r.ExpiryUtcTicks is { } e ? new DateTime(e, DateTimeKind.Utc) : null,
        StopLoss = r.StopLoss is { } sl ? (decimal)sl : null,
        TakeProfit = r.TakeProfit is { } tp ? (decimal)tp : null,
        TrailingStopDistance = r.TrailingDistance is { } td ? (decimal)td : null,
    };

    private void Raise(OrderEvent e, List<OrderEvent>? raised = null)
    {
        raised?.Add(e);
        Events?.Invoke(e);
    }

    private void Enqueue(Func<Task> call)
    {
        Interlocked.Increment(ref _queued);
        if (!_work.Writer.TryWrite(call)) throw new InvalidOperationException("the broker client is stopped");
    }

    private async Task SendLoopAsync()
    {
        await foreach (var call in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try { await call().ConfigureAwait(false); }
            catch (Exception e) when (e is BrokerException or InvalidOperationException or OperationCanceledException)
            {
                _log?.Invoke($"broker call failed: {e.Message}");
            }
            finally { Interlocked.Increment(ref _done); }
        }
    }

    /// <summary>Sends what is queued, then stops the sender.</summary>
    public async ValueTask DisposeAsync()
    {
        _work.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
        _stop.Dispose();
    }
}
