namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Sum of the last N values in O(1). Running sums drift by rounding over millions of updates, so
/// the sum is recomputed exactly from the window every 4,096 pushes (amortised O(1), and
/// deterministic, so streaming and batch still agree bit for bit).
/// </summary>
/// <remarks>
/// Moving averages call this on every bar of every backtest, so <see cref="Push"/> is kept to one
/// ring-buffer step: the slot being overwritten holds 0 until the window is full (the array starts
/// zeroed), so filling and rolling are the same arithmetic, <c>sum + (value − dropped)</c>.
/// </remarks>
public struct RollingSum
{
    private const int ResyncEvery = 4096;
    private readonly double[] _items;
    private int _next, _count, _untilResync;
    private double _sum;

    /// <summary>A window of <paramref name="period"/> values.</summary>
    public RollingSum(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "must be at least 1");
        _items = new double[period];
        _next = _count = 0;
        _untilResync = ResyncEvery;
        _sum = 0;
    }

    /// <summary>Values in the window.</summary>
    public readonly int Count => _count;
    /// <summary>Whether the window is full.</summary>
    public readonly bool IsFull => _count == _items.Length;
    /// <summary>Sum of the window.</summary>
    public readonly double Sum => _sum;

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
        double sum = _sum + (value - items[next]);
        items[next] = value;
        if (++next == items.Length) next = 0;
        _next = next;
        if (_count < items.Length) _count++;
        if (--_untilResync == 0) sum = Resync();
        _sum = sum;
    }

    private double Resync()
    {
        _untilResync = ResyncEvery;
        double s = 0;
        for (int k = 0; k < _count; k++) s += _items[k];
        return s;
    }

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        Array.Clear(_items); // the empty slots must read 0 again (see remarks)
        _next = _count = 0;
        _untilResync = ResyncEvery;
        _sum = 0;
    }
}
