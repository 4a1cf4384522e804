namespace AlgoTrading.Features.Indicators;

/// <summary>NATR(n) = 100 · ATR(n) / close: ATR in percent of the price (TA-Lib NATR). First value at index n.</summary>
public struct NormalizedAverageTrueRange : IIndicatorKernel
{
    private AverageTrueRange _atr;

    /// <summary>Creates NATR(<paramref name="period"/>).</summary>
    public NormalizedAverageTrueRange(int period = 14) { _atr = new AverageTrueRange(period); }

    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => _atr.WarmUp;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        double atr = _atr.Next(bar.High, bar.Low, bar.Close);
        outputs[0] = bar.Close != 0 ? 100 * atr / bar.Close : 0;
    }

    /// <inheritdoc />
    public void Reset() => _atr.Reset();
}
