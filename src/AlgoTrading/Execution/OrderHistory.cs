using System.Collections;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution;

/// <summary>
/// The orders a trading core created or was told of, in creation order, each as of its latest event
/// (what <see cref="TradingCore.Orders"/> shows). A finished order is a record, written once, when it
/// finishes; an order still working is read from the order object itself. Most orders live from
/// acceptance to one fill, so each costs one record write rather than one per event.
/// </summary>
/// <remarks>Not thread-safe, like the core that owns it.</remarks>
internal sealed class OrderHistory : IReadOnlyList<OrderRecord>
{
    // A finished order as numbers, its strings as codes: a row without references is written by a
    // plain copy instead of the runtime's bulk write barrier (a native call per order).
    private struct Row
    {
        public long Id, DecisionUtcTicks, CreatedUtcTicks;
        public double Units, Price, FilledUnits, AverageFillPrice;
        public int Strategy, ClientInstrument, Sequence, Instrument, Reason, StatusReason;
        public OrderType Type;
        public TimeInForce TimeInForce;
        public OrderStatus Status;
        public bool HasPrice;
    }

    private readonly StringTable _strings = new();
    private readonly ChunkedList<Row> _rows = new();
    // The orders still working and the index each holds, in index order: a few at a time (an entry
    // and its exits per instrument), so a scan finds them. Held until they finish, then let go.
    private readonly List<(Order Order, int At)> _working = [];

    /// <summary>Orders so far.</summary>
    public int Count => _rows.Count;

    /// <summary>Order <paramref name="index"/> as of its latest event.</summary>
    public OrderRecord this[int index]
    {
        get
        {
            var r = _rows[index]; // checks the index
            foreach (var (order, at) in _working) if (at == index) return OrderRecord.Of(order);
            return new OrderRecord(r.Id, ClientOrderId.OfCheckedNames(_strings[r.Strategy]!, _strings[r.ClientInstrument]!, r.DecisionUtcTicks, r.Sequence),
                _strings[r.Instrument]!, r.Type, r.Units, r.HasPrice ? r.Price : null, r.TimeInForce, _strings[r.Reason]!, r.CreatedUtcTicks, r.Status,
                _strings[r.StatusReason], r.FilledUnits, r.AverageFillPrice);
        }
    }

    /// <summary>Adds an order the core has not seen before, as it is now.</summary>
    public void Add(Order order)
    {
        if (order.IsFinal)
        {
            _rows.Add(RowOf(order));
            return;
        }
        _working.Add((order, _rows.Count));
        _rows.Add(default); // its place, written when it finishes
    }

    /// <summary>An order already added changed (filled, cancelled, replaced, expired): written down once it is final.</summary>
    public void Changed(Order order)
    {
        for (int i = 0; i < _working.Count; i++)
        {
            if (!ReferenceEquals(_working[i].Order, order)) continue;
            if (!order.IsFinal) return;
            _rows.Set(_working[i].At, RowOf(order));
            _working.RemoveAt(i);
            return;
        }
    }

    private Row RowOf(Order order)
    {
        var r = order.Request;
        var id = order.ClientId;
        return new Row
        {
            Id = order.Id, Strategy = _strings.Code(id.Strategy), ClientInstrument = _strings.Code(id.Instrument), DecisionUtcTicks = id.DecisionUtcTicks,
            Sequence = id.Sequence, Instrument = _strings.Code(r.Instrument), Type = r.Type, Units = r.Units, HasPrice = r.Price.HasValue,
            Price = r.Price.GetValueOrDefault(), TimeInForce = r.TimeInForce, Reason = _strings.Code(r.Reason), CreatedUtcTicks = order.CreatedUtcTicks,
            Status = order.Status, StatusReason = _strings.Code(order.StatusReason), FilledUnits = order.FilledUnits, AverageFillPrice = order.AverageFillPrice,
        };
    }

    /// <inheritdoc />
    public IEnumerator<OrderRecord> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
