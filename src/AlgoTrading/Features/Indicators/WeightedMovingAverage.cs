namespace AlgoTrading.Features.Indicators;

/// <summary>
/// WMA(n), linearly weighted: the newest close has weight n, the oldest weight 1, divided by
/// n(n+1)/2. First value at index n − 1 (TA-Lib WMA). O(1) per bar: the weighted sum loses the
/// plain sum of the previous window and gains n × the new value.
/// </summary>
public struct WeightedMovingAverage : IIndicatorKernel
{
    private RollingSum _plain;
    private double _weighted;
    private readonly double _divisor;
    private int _sinceResync;

    /// <summary>Creates WMA(<paramref name="period"/>).</summary>
    public WeightedMovingAverage(int period)
    {
        Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));
        _plain = new RollingSum(period);
        _weighted = 0;
        _divisor = period * (period + 1) / 2.0;
        _sinceResync = 0;
    }

    /// <summary>The window length in bars.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period - 1;

    /// <summary>Adds a value and returns the average (NaN until the window is full).</summary>
    public double Next(double value)
    {
        if (_plain.IsFull && ++_sinceResync < 4096)
        {
            _weighted += Period * value - _plain.Sum;
            _plain.Push(value);
            return _weighted / _divisor;
        }
        _plain.Push(value);
        if (!_plain.IsFull) return double.NaN;
        // First full window, and every 4,096 bars against rounding drift: weigh the window directly.
        _sinceResync = 0;
        _weighted = 0;
        for (int ago = 0; ago < Period; ago++) _weighted += (Period - ago) * _plain.Ago(ago);
        return _weighted / _divisor;
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() { _plain.Clear(); _weighted = 0; _sinceResync = 0; }
}
