namespace AlgoTrading.Domain;

/// <summary>Grows a <see cref="TickSeries"/> row by row into doubling arrays; see <see cref="BarSeriesBuilder"/>.</summary>
public sealed class TickSeriesBuilder
{
    private long[] _time;
    private double[] _bid, _ask;
    private int[] _lines;
    private int _count;

    /// <summary>Starts an empty builder.</summary>
    public TickSeriesBuilder(int capacity = 4096)
    {
        capacity = Math.Max(capacity, 16);
        // Uninitialised (see BarSeriesBuilder): slots are written before they are read.
        (_time, _bid, _ask, _lines) = (ColumnAllocator.Allocate<long>(capacity), ColumnAllocator.Allocate<double>(capacity),
            ColumnAllocator.Allocate<double>(capacity), ColumnAllocator.Allocate<int>(capacity));
    }

    /// <summary>Rows added so far.</summary>
    public int Count => _count;

    /// <summary>Adds one quote.</summary>
    public void Add(long utcTicks, double bid, double ask, int sourceLine = 0)
    {
        if (_count == _time.Length)
        {
            int size = _count * 2;
            ColumnAllocator.Grow(ref _time, _count, size); ColumnAllocator.Grow(ref _bid, _count, size);
            ColumnAllocator.Grow(ref _ask, _count, size); ColumnAllocator.Grow(ref _lines, _count, size);
        }
        int i = _count++;
        _time[i] = utcTicks; _bid[i] = bid; _ask[i] = ask; _lines[i] = sourceLine;
    }

    /// <summary>Creates the series (no copy).</summary>
    public TickSeries Build(string instrument) =>
        new(instrument, _time, _bid, _ask, _count, _lines.AsSpan(0, _count).IndexOfAnyExcept(0) >= 0 ? _lines : null);
}
