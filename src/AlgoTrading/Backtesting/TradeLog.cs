using System.Collections;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Backtesting;

/// <summary>
/// The closed trades of a run in exit order, read as <see cref="TradeRecord"/>s. A run can close
/// hundreds of thousands of trades; each is stored as one fixed-size row without references (strings
/// become codes), so recording one costs a few stores instead of an object the garbage collector
/// has to copy between generations. Reading an element builds its record.
/// </summary>
internal sealed class TradeLog : IReadOnlyList<TradeRecord>
{
    private struct Row
    {
        public long EntryTime, ExitTime;
        public double EntryPrice, ExitPrice, Units, GrossPnl;
        public Costs Costs;
        public int Instrument, EntryReason, ExitReason;
    }

    private readonly StringTable _strings = new();
    private readonly RowStore<Row> _rows = new();

    /// <summary>Gives the row memory back for the next run (see <see cref="RowStore{T}"/>).</summary>
    ~TradeLog() => _rows.Release();

    /// <summary>Records a closed trade; times are UTC ticks (see <see cref="TradeRecord"/> for the conventions).</summary>
    internal void Add(string instrument, long entryTime, double entryPrice, long exitTime, double exitPrice, double units, double grossPnl, Costs costs,
        string entryReason, string exitReason)
    {
        ref var r = ref _rows.Append();
        (r.EntryTime, r.EntryPrice, r.ExitTime, r.ExitPrice, r.Units, r.GrossPnl, r.Costs) = (entryTime, entryPrice, exitTime, exitPrice, units, grossPnl, costs);
        (r.Instrument, r.EntryReason, r.ExitReason) = (_strings.Code(instrument), _strings.Code(entryReason), _strings.Code(exitReason));
    }

    /// <summary>Closed trades so far.</summary>
    public int Count => _rows.Count;

    /// <summary>The trade closed <paramref name="index"/>-th.</summary>
    public TradeRecord this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_rows.Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the log holds {_rows.Count} trades");
            ref readonly var r = ref _rows[index];
            var record = new TradeRecord(_strings[r.Instrument], new DateTime(r.EntryTime, DateTimeKind.Utc), r.EntryPrice, new DateTime(r.ExitTime, DateTimeKind.Utc), r.ExitPrice,
                r.Units, r.GrossPnl, r.Costs, _strings[r.EntryReason], _strings[r.ExitReason]);
            // The finaliser hands the rows' memory to the next run: the log must outlive this read of it,
            // even when the caller's last use of the log was this call.
            GC.KeepAlive(this);
            return record;
        }
    }

    /// <inheritdoc />
    public IEnumerator<TradeRecord> GetEnumerator()
    {
        for (int i = 0; i < _rows.Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
