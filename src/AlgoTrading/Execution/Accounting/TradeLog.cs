using System.Collections;
using AlgoTrading.Domain;

namespace AlgoTrading.Execution.Accounting;

/// <summary>
/// The portfolio's closed trades, read as <see cref="TradeRecord"/>s. Each is kept as a row of numbers
/// (its strings as codes of a <see cref="StringTable"/>): a backtest closes tens of thousands, and a
/// row without references is written by a plain copy instead of the runtime's bulk write barrier.
/// </summary>
/// <remarks>Not thread-safe, like the portfolio that owns it.</remarks>
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
    private readonly ChunkedList<Row> _rows = new();

    /// <summary>Adds a closed trade (times in UTC ticks; see <see cref="TradeRecord"/> for the units).</summary>
    public void Add(string instrument, long entryTime, double entryPrice, long exitTime, double exitPrice, double units, double grossPnl, in Costs costs,
        string entryReason, string exitReason)
    {
        _rows.Add(new Row
        {
            EntryTime = entryTime, EntryPrice = entryPrice, ExitTime = exitTime, ExitPrice = exitPrice, Units = units, GrossPnl = grossPnl, Costs = costs,
            Instrument = _strings.Code(instrument), EntryReason = _strings.Code(entryReason), ExitReason = _strings.Code(exitReason),
        });
    }

    /// <inheritdoc />
    public int Count => _rows.Count;

    /// <inheritdoc />
    public TradeRecord this[int index]
    {
        get
        {
            var r = _rows[index]; // checks the index
            return new TradeRecord(_strings[r.Instrument]!, new DateTime(r.EntryTime, DateTimeKind.Utc), r.EntryPrice, new DateTime(r.ExitTime, DateTimeKind.Utc),
                r.ExitPrice, r.Units, r.GrossPnl, r.Costs, _strings[r.EntryReason]!, _strings[r.ExitReason]!);
        }
    }

    /// <inheritdoc />
    public IEnumerator<TradeRecord> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
