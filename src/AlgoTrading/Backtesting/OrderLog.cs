using System.Collections;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Backtesting;

/// <summary>
/// Every order a run created, in creation order, with its final status, read as
/// <see cref="Order"/>s. Stored as fixed-size rows without references, for the reason given on
/// <see cref="TradeLog"/>; the engine addresses an order by its position in the log. Reading an
/// element builds a new <see cref="Order"/> in the recorded state.
/// </summary>
internal sealed class OrderLog : IReadOnlyList<Order>
{
    private const int NoReason = -1;

    private struct Row
    {
        public long Id, CreatedUtcTicks;
        public double Units, Price, FillPrice; // Price is NaN for market orders
        public OrderType Type;
        public OrderStatus Status;
        public int Instrument, Reason, StatusReason;
    }

    private readonly StringTable _strings = new();
    private readonly RowStore<Row> _rows = new();

    /// <summary>Gives the row memory back for the next run (see <see cref="RowStore{T}"/>).</summary>
    ~OrderLog() => _rows.Release();

    /// <summary>Records a new pending order (the price is ignored for market orders); returns its position in the log.</summary>
    internal int Add(long id, string instrument, double units, OrderType type, double price, string reason, long createdUtcTicks)
    {
        int index = _rows.Count;
        ref var r = ref _rows.Append();
        (r.Id, r.CreatedUtcTicks, r.Units, r.Price, r.Type, r.Status) = (id, createdUtcTicks, units, type == OrderType.Market ? double.NaN : price, type, OrderStatus.Accepted);
        (r.Instrument, r.Reason, r.StatusReason) = (_strings.Code(instrument), _strings.Code(reason), NoReason);
        return index;
    }

    /// <summary>Signed units of the order at <paramref name="index"/>.</summary>
    internal double UnitsOf(int index) => _rows[index].Units;
    /// <summary>Type of the order at <paramref name="index"/>.</summary>
    internal OrderType TypeOf(int index) => _rows[index].Type;
    /// <summary>Limit or stop price of the order at <paramref name="index"/> (NaN for market orders).</summary>
    internal double PriceOf(int index) => _rows[index].Price;
    /// <summary>Why the order at <paramref name="index"/> was sent.</summary>
    internal string ReasonOf(int index) => _strings[_rows[index].Reason];
    /// <summary>True while the order at <paramref name="index"/> is working.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal bool IsPending(int index) => index >= 0 && _rows[index].Status == OrderStatus.Accepted;

    /// <summary>Marks the order filled at <paramref name="price"/> (quote currency, after slippage).</summary>
    internal void MarkFilled(int index, double price) => (_rows[index].Status, _rows[index].FillPrice) = (OrderStatus.Filled, price);

    /// <summary>Cancels a pending order.</summary>
    internal void Cancel(int index, string reason)
    {
        ref var r = ref _rows[index];
        if (r.Status != OrderStatus.Accepted) throw new InvalidOperationException($"order {r.Id} is {r.Status}, not pending");
        (r.Status, r.StatusReason) = (OrderStatus.Cancelled, _strings.Code(reason));
    }

    /// <summary>Rejects the order with a reason that names the rule.</summary>
    internal void Reject(int index, string reason) => (_rows[index].Status, _rows[index].StatusReason) = (OrderStatus.Rejected, _strings.Code(reason));

    /// <summary>Orders so far.</summary>
    public int Count => _rows.Count;

    /// <summary>The order created <paramref name="index"/>-th, in its recorded state.</summary>
    public Order this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_rows.Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the log holds {_rows.Count} orders");
            ref readonly var r = ref _rows[index];
            var order = new Order(r.Id, new OrderRequest(_strings[r.Instrument], r.Units, r.Type, r.Type == OrderType.Market ? null : r.Price) { Reason = _strings[r.Reason] }, r.CreatedUtcTicks);
            string statusReason = r.StatusReason == NoReason ? "" : _strings[r.StatusReason];
            // Replays the recorded life through the state machine: refused orders never worked.
            order.Submit();
            if (r.Status == OrderStatus.Rejected) order.Reject(statusReason);
            else
            {
                order.Accept();
                if (r.Status == OrderStatus.Filled) order.Fill(r.Units, r.FillPrice);
                else if (r.Status == OrderStatus.Cancelled) order.Cancel(statusReason);
            }
            GC.KeepAlive(this); // see TradeLog: the rows must not go back to the pool while being read
            return order;
        }
    }

    /// <inheritdoc />
    public IEnumerator<Order> GetEnumerator()
    {
        for (int i = 0; i < _rows.Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
