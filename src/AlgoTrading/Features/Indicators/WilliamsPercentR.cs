namespace AlgoTrading.Features.Indicators;

/// <summary>Williams %R(n) = −100 · (highest high − close) / (highest high − lowest low) over n bars, 0 when the range is 0; scale −100–0. First value at index n − 1 (TA-Lib WILLR).</summary>
public struct WilliamsPercentR : IIndicatorKernel
{
    private RollingExtremum _highest, _lowest;

    /// <summary>Creates WILLR(<paramref name="period"/>).</summary>
    public WilliamsPercentR(int period = 14) { Period = period; _highest = new(period, true); _lowest = new(period, false); }

    /// <summary>The window length.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period - 1;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        double hh = _highest.Push(bar.High), ll = _lowest.Push(bar.Low);
        if (_highest.Seen < Period) { outputs[0] = double.NaN; return; }
        outputs[0] = hh > ll ? -100 * (hh - bar.Close) / (hh - ll) : 0;
    }

    /// <inheritdoc />
    public void Reset() { _highest.Clear(); _lowest.Clear(); }
}
