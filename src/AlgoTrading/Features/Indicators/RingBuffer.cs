namespace AlgoTrading.Features.Indicators;

/// <summary>A fixed-capacity window of the last values pushed, oldest first; O(1) push. Part of kernels' state.</summary>
internal struct RingBuffer
{
    private readonly double[] _items;
    private int _next, _count;

    /// <summary>Creates an empty window of <paramref name="capacity"/> values.</summary>
    public RingBuffer(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");
        _items = new double[capacity];
        _next = _count = 0;
    }

    /// <summary>Values held.</summary>
    public readonly int Count => _count;
    /// <summary>Capacity.</summary>
    public readonly int Capacity => _items.Length;
    /// <summary>Whether the window is full.</summary>
    public readonly bool IsFull => _count == _items.Length;

    /// <summary>Adds <paramref name="value"/> and returns the value it pushed out (NaN while not full).</summary>
    public double Push(double value)
    {
        double dropped = _count == _items.Length ? _items[_next] : double.NaN;
        _items[_next] = value;
        if (++_next == _items.Length) _next = 0;
        if (_count < _items.Length) _count++;
        return dropped;
    }

    /// <summary>The value <paramref name="ago"/> pushes back (0 = the newest).</summary>
    public readonly double Ago(int ago)
    {
        if ((uint)ago >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(ago));
        int i = _next - 1 - ago;
        return _items[i < 0 ? i + _items.Length : i];
    }

    /// <summary>Empties the window.</summary>
    public void Clear() { _next = _count = 0; }
}
