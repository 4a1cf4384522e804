namespace AlgoTrading.Features.Indicators;

/// <summary>
/// KAMA(n) (Kaufman), as TA-Lib: efficiency ratio ER = |x − x[n ago]| / Σ|Δx| over n bars, smoothing
/// sc = (ER·(2/3 − 2/31) + 2/31)², kama += sc·(x − kama), seeded with the close at index n − 1.
/// The first value is at index n.
/// </summary>
public struct KaufmanAdaptiveMovingAverage : IIndicatorKernel
{
    private const double Fast = 2.0 / 3, Slow = 2.0 / 31;
    private RingBuffer _closes;   // the last n + 1 closes
    private RollingSum _moves;    // |Δx| over the last n bars
    private double _kama;

    /// <summary>Creates KAMA(<paramref name="period"/>).</summary>
    public KaufmanAdaptiveMovingAverage(int period)
    {
        Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));
        _closes = new RingBuffer(period + 1);
        _moves = new RollingSum(period);
        _kama = 0;
    }

    /// <summary>The efficiency-ratio period.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period;

    /// <summary>Adds a close and returns KAMA (NaN during warm-up).</summary>
    public double Next(double value)
    {
        if (_closes.Count > 0) _moves.Push(Math.Abs(value - _closes.Ago(0)));
        _closes.Push(value);
        if (_closes.Count == Period) { _kama = value; return double.NaN; }
        if (!_closes.IsFull) return double.NaN;
        double change = Math.Abs(value - _closes.Ago(Period));
        double er = _moves.Sum > 0 ? change / _moves.Sum : 0;
        if (er > 1) er = 1; // rounding in the running sum must not push ER past its bound
        double sc = er * (Fast - Slow) + Slow;
        _kama += sc * sc * (value - _kama);
        return _kama;
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() { _closes.Clear(); _moves.Clear(); _kama = 0; }
}
