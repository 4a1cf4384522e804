namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Highest (or lowest) of the last N values in amortised O(1) with a monotonic deque: each value
/// enters and leaves the deque once. Ties keep the newer value, matching TA-Lib's MAX/MIN.
/// </summary>
internal struct RollingExtremum
{
    private readonly double[] _values;
    private readonly long[] _indices;
    private readonly bool _max;
    private readonly int _period;
    private int _head, _tail; // deque in a circular array of capacity period
    private long _seen;

    /// <summary>A window of <paramref name="period"/> values tracking the maximum (or the minimum when <paramref name="max"/> is false).</summary>
    public RollingExtremum(int period, bool max)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period));
        _period = period;
        _values = new double[period + 1];
        _indices = new long[period + 1];
        _max = max;
        _head = _tail = 0;
        _seen = 0;
    }

    /// <summary>Values pushed so far.</summary>
    public readonly long Seen => _seen;

    /// <summary>Pushes <paramref name="value"/> and returns the extremum of the last <c>period</c> values (of fewer before the window fills).</summary>
    public double Push(double value)
    {
        int cap = _values.Length;
        while (_head != _tail)
        {
            int last = _tail == 0 ? cap - 1 : _tail - 1;
            bool dominated = _max ? _values[last] <= value : _values[last] >= value;
            if (!dominated) break;
            _tail = last;
        }
        _values[_tail] = value;
        _indices[_tail] = _seen;
        _tail = _tail + 1 == cap ? 0 : _tail + 1;
        if (_indices[_head] <= _seen - _period) _head = _head + 1 == cap ? 0 : _head + 1;
        _seen++;
        return _values[_head];
    }

    /// <summary>Empties the window.</summary>
    public void Clear() { _head = _tail = 0; _seen = 0; }
}
