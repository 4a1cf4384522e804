namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Sum and sum of squares of the last N values in O(1). Running sums drift by rounding over
/// millions of updates, so they are recomputed exactly from the window every 4,096 pushes
/// (amortised O(1), and deterministic, so streaming and batch still agree bit for bit).
/// </summary>
public struct RollingSum
{
    private const int ResyncEvery = 4096;
    private RingBuffer _window;
    private double _sum, _sumSquares;
    private int _sinceResync;

    /// <summary>A window of <paramref name="period"/> values.</summary>
    public RollingSum(int period)
    {
        _window = new RingBuffer(period);
        _sum = _sumSquares = 0;
        _sinceResync = 0;
    }

    /// <summary>Values in the window.</summary>
    public readonly int Count => _window.Count;
    /// <summary>Whether the window is full.</summary>
    public readonly bool IsFull => _window.IsFull;
    /// <summary>Sum of the window.</summary>
    public readonly double Sum => _sum;
    /// <summary>Sum of squares of the window.</summary>
    public readonly double SumSquares => _sumSquares;
    /// <summary>The window itself.</summary>
    public readonly RingBuffer Window => _window;

    /// <summary>Adds a value, dropping the oldest once full.</summary>
    public void Push(double value)
    {
        double dropped = _window.Push(value);
        if (++_sinceResync >= ResyncEvery && _window.IsFull)
        {
            _sinceResync = 0;
            double s = 0, q = 0;
            for (int k = 0; k < _window.Count; k++) { double v = _window.Ago(k); s += v; q += v * v; }
            (_sum, _sumSquares) = (s, q);
            return;
        }
        _sum += value;
        _sumSquares += value * value;
        if (!double.IsNaN(dropped)) { _sum -= dropped; _sumSquares -= dropped * dropped; }
    }

    /// <summary>Population variance of a full window (never negative).</summary>
    public readonly double PopulationVariance
    {
        get
        {
            int n = _window.Count;
            double mean = _sum / n;
            return Math.Max(0, _sumSquares / n - mean * mean);
        }
    }

    /// <summary>Empties the window.</summary>
    public void Clear() { _window.Clear(); _sum = _sumSquares = 0; _sinceResync = 0; }
}
