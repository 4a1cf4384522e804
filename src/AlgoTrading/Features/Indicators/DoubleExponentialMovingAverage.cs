namespace AlgoTrading.Features.Indicators;

/// <summary>
/// DEMA(n) = 2·EMA(x) − EMA(EMA(x)), each EMA seeded TA-Lib style; the inner EMA starts on the
/// outer's first value, so the first output is at index 2(n − 1).
/// </summary>
public struct DoubleExponentialMovingAverage : IIndicatorKernel
{
    private ExponentialMovingAverage _first, _second;

    /// <summary>Creates DEMA(<paramref name="period"/>).</summary>
    public DoubleExponentialMovingAverage(int period) { _first = new(period); _second = new(period); Period = period; }

    /// <summary>The EMA period.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => 2 * (Period - 1);

    /// <summary>Adds a value and returns DEMA (NaN during warm-up).</summary>
    public double Next(double value)
    {
        double e1 = _first.Next(value);
        if (double.IsNaN(e1)) return double.NaN;
        double e2 = _second.Next(e1);
        return double.IsNaN(e2) ? double.NaN : 2 * e1 - e2;
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() { _first.Reset(); _second.Reset(); }
}
