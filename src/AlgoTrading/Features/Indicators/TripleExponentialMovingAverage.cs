namespace AlgoTrading.Features.Indicators;

/// <summary>TEMA(n) = 3·E1 − 3·E2 + E3 with E2 = EMA(E1), E3 = EMA(E2); first output at index 3(n − 1).</summary>
public struct TripleExponentialMovingAverage : IIndicatorKernel
{
    private ExponentialMovingAverage _e1, _e2, _e3;

    /// <summary>Creates TEMA(<paramref name="period"/>).</summary>
    public TripleExponentialMovingAverage(int period) { _e1 = new(period); _e2 = new(period); _e3 = new(period); Period = period; }

    /// <summary>The EMA period.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => 3 * (Period - 1);

    /// <summary>Adds a value and returns TEMA (NaN during warm-up).</summary>
    public double Next(double value)
    {
        double a = _e1.Next(value);
        if (double.IsNaN(a)) return double.NaN;
        double b = _e2.Next(a);
        if (double.IsNaN(b)) return double.NaN;
        double c = _e3.Next(b);
        return double.IsNaN(c) ? double.NaN : 3 * a - 3 * b + c;
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() { _e1.Reset(); _e2.Reset(); _e3.Reset(); }
}
