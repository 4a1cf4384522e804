namespace AlgoTrading.Features.Indicators;

/// <summary>
/// CCI(n) as TA-Lib: typical price tp = (high + low + close)/3; CCI = (tp − SMA(tp)) / (0.015 · mean
/// absolute deviation of tp from that SMA), 0 when the deviation is 0. First value at index n − 1.
/// The mean deviation needs the whole window, so an update is O(n) (n is small).
/// </summary>
public struct CommodityChannelIndex : IIndicatorKernel
{
    private RollingSum _typical;

    /// <summary>Creates CCI(<paramref name="period"/>).</summary>
    public CommodityChannelIndex(int period = 20) { Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period)); _typical = new RollingSum(period); }

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
        double tp = (bar.High + bar.Low + bar.Close) / 3;
        _typical.Push(tp);
        if (!_typical.IsFull) { outputs[0] = double.NaN; return; }
        double mean = _typical.Mean, deviation = 0;
        for (int k = 0; k < Period; k++) deviation += Math.Abs(_typical.Ago(k) - mean);
        deviation /= Period;
        outputs[0] = deviation != 0 && tp - mean != 0 ? (tp - mean) / (0.015 * deviation) : 0;
    }

    /// <inheritdoc />
    public void Reset() => _typical.Clear();
}
