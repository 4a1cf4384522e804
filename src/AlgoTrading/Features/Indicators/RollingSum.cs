namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Sum (and optionally sum of squares) of the last N values in O(1). Running sums drift by
/// rounding over millions of updates, so they are recomputed exactly from the window every 4,096
/// pushes (amortised O(1), and deterministic, so streaming and batch still agree bit for bit).
/// </summary>
public struct RollingSum
{
    private const int ResyncEvery = 4096;
    private readonly double[] _items;
    private readonly bool _squares;
    private int _next, _count, _sinceResync;
    private double _sum, _sumSquares;

    /// <summary>A window of <paramref name="period"/> values; <paramref name="squares"/> also tracks Σx² (for variances).</summary>
    public RollingSum(int period, bool squares = true)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "must be at least 1");
        _items = new double[period];
        _squares = squares;
        _next = _count = _sinceResync = 0;
        _sum = _sumSquares = 0;
    }

    /// <summary>Values in the window.</summary>
    public readonly int Count => _count;
    /// <summary>Whether the window is full.</summary>
    public readonly bool IsFull => _count == _items.Length;
    /// <summary>Sum of the window.</summary>
    public readonly double Sum => _sum;
    /// <summary>Sum of squares of the window (0 unless squares are tracked).</summary>
    public readonly double SumSquares => _sumSquares;

    /// <summary>The value <paramref name="ago"/> pushes back (0 = the newest).</summary>
    public readonly double Ago(int ago)
    {
        if ((uint)ago >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(ago));
        int i = _next - 1 - ago;
        return _items[i < 0 ? i + _items.Length : i];
    }

    /// <summary>Adds a value, dropping the oldest once full.</summary>
    public void Push(double value)
    {
        var items = _items;
        int next = _next;
        if (_count == items.Length)
        {
            double dropped = items[next];
            _sum += value - dropped;
            if (_squares) _sumSquares += value * value - dropped * dropped;
        }
        else
        {
            _count++;
            _sum += value;
            if (_squares) _sumSquares += value * value;
        }
        items[next] = value;
        _next = next + 1 == items.Length ? 0 : next + 1;
        if (++_sinceResync == ResyncEvery) Resync();
    }

    private void Resync()
    {
        _sinceResync = 0;
        double s = 0, q = 0;
        for (int k = 0; k < _count; k++) { double v = _items[k]; s += v; q += v * v; }
        _sum = s;
        if (_squares) _sumSquares = q;
    }

    /// <summary>Population variance of the window (never negative).</summary>
    public readonly double PopulationVariance
    {
        get
        {
            int n = _count;
            double mean = _sum / n;
            return Math.Max(0, _sumSquares / n - mean * mean);
        }
    }

    /// <summary>Empties the window.</summary>
    public void Clear() { _next = _count = _sinceResync = 0; _sum = _sumSquares = 0; }
}
