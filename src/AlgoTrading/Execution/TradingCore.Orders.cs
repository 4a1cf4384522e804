using System.Runtime.CompilerServices;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Risk;

namespace AlgoTrading.Execution;

// The core's orders: intents out to the execution client (submit, cancel, move the stop, the stop-out),
// and the client's order events back into the portfolio and risk's breakers. Once per decision or
// event, never per bar.
public sealed partial class TradingCore
{
    // Intents to the client: once per decision, not per bar.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Route(Slot s, long time, RiskEvent? riskEvent)
    {
        if (riskEvent is not null) _riskEvents.Add(riskEvent);
        foreach (var intent in _intents)
        {
            switch (intent.Kind)
            {
                case OrderIntentKind.CancelWorking:
                    CancelWorking(s, intent.Reason);
                    break;
                case OrderIntentKind.MoveStopLoss:
                    if (s.StopLoss is { IsWorking: true } stop) _client.Replace(stop.ClientId, stop.Request with { Price = intent.StopPrice, Reason = stop.Request.Reason });
                    break;
                case OrderIntentKind.Submit:
                    s.Working = Send(s, s.StrategyName, intent.Request!, time);
                    break;
                case OrderIntentKind.Refuse:
                    var refused = new Order(0, intent.Request!, time, ClientOrderId.OfCheckedNames(s.StrategyName, s.Instrument.Symbol, time, 0));
                    refused.Reject(intent.Reason);
                    _orders.Add(refused);
                    break;
            }
        }
        _intents.Clear();
    }

    // One decision per instrument and bar: the strategy, instrument and decision time identify it (sequence 0).
    private Order? Send(Slot s, string strategy, OrderRequest request, long time)
    {
        Risk.RecordOrder(time); // the order-rate breaker counts what is sent
        var order = _client.Submit(request, ClientOrderId.OfCheckedNames(strategy, s.Instrument.Symbol, time, 0), time);
        return order.IsWorking ? order : null;
    }

    private void CancelWorking(Slot s, string reason)
    {
        if (s.Working is { IsWorking: true } w) _client.Cancel(w.ClientId, reason);
        s.Working = null;
    }

    // Every open position is closed at the next open; its working order is withdrawn.
    private void StopOut(long time)
    {
        foreach (var s in _slots)
        {
            double units = s.Book.Units;
            if (units == 0) continue;
            CancelWorking(s, "stop-out");
            s.Working = Send(s, s.StopOutName, new OrderRequest(s.Instrument.Symbol, -units) { Reason = "exit:stop_out" }, time);
        }
    }

    // A client's event object (a broker's, or the simulated client's for another subscriber): the same
    // handling as the simulated client's direct calls (IOrderEventSink).
    private void OnOrderEvent(OrderEvent e)
    {
        switch (e)
        {
            case OrderAccepted: OnAccepted(e.Order); break;
            case OrderRejected rejected: OnRejected(e.Order, e.TimeUtcTicks, rejected.Reason); break;
            case OrderFilled filled: OnFilled(e.Order, filled.Fill); break;
            default: OnChanged(e.Order); break; // cancelled, expired, replaced
        }
    }

    /// <inheritdoc />
    void IOrderEventSink.OnAccepted(Order order) => OnAccepted(order);
    /// <inheritdoc />
    void IOrderEventSink.OnRejected(Order order, long timeUtcTicks, string reason) => OnRejected(order, timeUtcTicks, reason);
    /// <inheritdoc />
    void IOrderEventSink.OnFilled(Order order, in Fill fill) => OnFilled(order, fill);
    /// <inheritdoc />
    void IOrderEventSink.OnChanged(Order order) => OnChanged(order);

    private void OnAccepted(Order order)
    {
        Record(order, isNew: order.Id > _lastOrderId);
        if (SlotOf(order.Request.Instrument) is not { } s) return;
        Risk.RecordAccepted(); // a run of rejects ends
        if (order.Request.Reason == "exit:stop_loss") s.StopLoss = order;
        RefreshNeed(s);
    }

    private void OnRejected(Order order, long timeUtcTicks, string reason)
    {
        Record(order, isNew: order.Id > _lastOrderId);
        if (SlotOf(order.Request.Instrument) is not { } s) return;
        Risk.RecordReject(timeUtcTicks, reason); // refusals by risk itself never reach the client
        if (s.Working == order) s.Working = null;
        RefreshNeed(s);
    }

    private void OnFilled(Order order, in Fill fill)
    {
        Record(order, isNew: false);
        if (SlotOf(order.Request.Instrument) is not { } s) return;
        ApplyFill(s, fill);
        if (s.Working == order && !order.IsWorking) s.Working = null;
        RefreshNeed(s);
    }

    private void OnChanged(Order order)
    {
        Record(order, isNew: false);
        if (SlotOf(order.Request.Instrument) is not { } s) return;
        if (s.Working == order && !order.IsWorking) s.Working = null;
        RefreshNeed(s);
    }

    // What the simulated client needs of the slot's next bar changes only with its orders: asked again at each event.
    private void RefreshNeed(Slot s)
    {
        if (_simulated is not null) s.Need = _simulated.NeedOf(s.Index);
    }

    // The history keeps an order from its acceptance (or rejection) on (see OrderHistory).
    private void Record(Order order, bool isNew)
    {
        if (!isNew)
        {
            _orders.Changed(order);
            return;
        }
        _lastOrderId = order.Id;
        _orders.Add(order);
    }

    // The slot of an event's instrument: the simulated client's orders carry the core's own symbol
    // strings, so a reference compare finds them without hashing; a broker's strings are looked up.
    private Slot? SlotOf(string instrument)
    {
        foreach (var s in _slots) if (ReferenceEquals(s.Instrument.Symbol, instrument)) return s;
        return _bySymbol.GetValueOrDefault(instrument);
    }

    private void ApplyFill(Slot s, in Fill fill)
    {
        double before = s.Book.Units;
        Portfolio.Apply(fill, s.Book, s.Rate);
        double after = s.Book.Units;
        TradedNotional += Math.Abs(fill.Units) * fill.Price * s.Rate;
        if (before == 0 || after == 0 || (after > 0) != (before > 0)) s.BarsHeld = 0; // a new position starts counting (signs compared, not Math.Sign: it checks for NaN and is not inlined)
    }
}
