namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Bollinger Bands(n, k): middle = SMA(n), upper/lower = middle ± k·σ with σ the population
/// standard deviation (ddof = 0), as TA-Lib BBANDS with SMA. Outputs (upper, middle, lower) in
/// price units; first values at index n − 1.
/// </summary>
public struct BollingerBands : IIndicatorKernel
{
    private RollingVariance _sum;

    /// <summary>Creates BB(<paramref name="period"/>, <paramref name="deviations"/>).</summary>
    public BollingerBands(int period = 20, double deviations = 2)
    {
        Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));
        Deviations = deviations;
        _sum = new RollingVariance(period);
    }

    /// <summary>The window length.</summary>
    public int Period { get; }
    /// <summary>Band width in standard deviations.</summary>
    public double Deviations { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 3;
    /// <inheritdoc />
    public readonly int WarmUp => Period - 1;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        _sum.Push(bar.Close);
        if (!_sum.IsFull) { outputs[0] = outputs[1] = outputs[2] = double.NaN; return; }
        double middle = _sum.Mean;
        double width = Deviations * Math.Sqrt(_sum.PopulationVariance);
        outputs[0] = middle + width;
        outputs[1] = middle;
        outputs[2] = middle - width;
    }

    /// <inheritdoc />
    public void Reset() => _sum.Clear();
}
