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
    private readonly ChunkedList<OrderRecord> _records = new();
    // The orders still working and the index each holds, in index order: a few at a time (an entry
    // and its exits per instrument), so a scan finds them. Held until they finish, then let go.
    private readonly List<(Order Order, int At)> _working = [];

    /// <summary>Orders so far.</summary>
    public int Count => _records.Count;

    /// <summary>Order <paramref name="index"/> as of its latest event.</summary>
    public OrderRecord this[int index]
    {
        get
        {
            var record = _records[index]; // checks the index
            foreach (var (order, at) in _working) if (at == index) return OrderRecord.Of(order);
            return record;
        }
    }

    /// <summary>Adds an order the core has not seen before, as it is now.</summary>
    public void Add(Order order)
    {
        if (order.IsFinal)
        {
            _records.Add(OrderRecord.Of(order));
            return;
        }
        _working.Add((order, _records.Count));
        _records.Add(default); // its place, written when it finishes (a reused chunk is not clear: written anyway)
    }

    /// <summary>An order already added changed (filled, cancelled, replaced, expired): written down once it is final.</summary>
    public void Changed(Order order)
    {
        for (int i = 0; i < _working.Count; i++)
        {
            if (!ReferenceEquals(_working[i].Order, order)) continue;
            if (!order.IsFinal) return;
            _records.Set(_working[i].At, OrderRecord.Of(order));
            _working.RemoveAt(i);
            return;
        }
    }

    /// <inheritdoc />
    public IEnumerator<OrderRecord> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
