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
        (_time, _bid, _ask, _lines) = (new long[capacity], new double[capacity], new double[capacity], new int[capacity]);
    }

    /// <summary>Rows added so far.</summary>
    public int Count => _count;

    /// <summary>Adds one quote.</summary>
    public void Add(long utcTicks, double bid, double ask, int sourceLine = 0)
    {
        if (_count == _time.Length)
        {
            int size = _count * 2;
            Array.Resize(ref _time, size); Array.Resize(ref _bid, size); Array.Resize(ref _ask, size); Array.Resize(ref _lines, size);
        }
        int i = _count++;
        _time[i] = utcTicks; _bid[i] = bid; _ask[i] = ask; _lines[i] = sourceLine;
    }

    /// <summary>Creates the series (no copy).</summary>
    public TickSeries Build(string instrument) =>
        new(instrument, _time, _bid, _ask, _count, Array.Exists(_lines, l => l != 0) ? _lines : null);
}
