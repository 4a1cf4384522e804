namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Rolling population standard deviation (ddof = 0, TA-Lib STDDEV with nbDev 1) of the last n
/// closes, in price units. First value at index n − 1.
/// </summary>
public struct StandardDeviation : IIndicatorKernel
{
    private RollingVariance _sum;

    /// <summary>Creates STDDEV(<paramref name="period"/>).</summary>
    public StandardDeviation(int period) { Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period)); _sum = new RollingVariance(period); }

    /// <summary>The window length.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period - 1;

    /// <summary>Adds a value and returns the deviation (NaN until the window is full).</summary>
    public double Next(double value)
    {
        _sum.Push(value);
        return _sum.IsFull ? Math.Sqrt(_sum.PopulationVariance) : double.NaN;
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() => _sum.Clear();
}
