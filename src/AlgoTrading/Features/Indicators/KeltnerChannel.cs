namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Keltner channel(n, k), the classic form: middle = SMA(n) of the typical price (high + low +
/// close)/3; upper/lower = middle ± k · SMA(n) of the true range. The true range needs a previous
/// close, so the first value is at index n. Outputs (upper, middle, lower) in price units.
/// </summary>
public struct KeltnerChannel : IIndicatorKernel
{
    private SimpleMovingAverage _typical, _range;
    private TrueRange _trueRange;

    /// <summary>Creates a Keltner channel of <paramref name="period"/> bars and <paramref name="multiplier"/> ranges.</summary>
    public KeltnerChannel(int period = 20, double multiplier = 1.5)
    {
        Period = period;
        Multiplier = multiplier;
        _typical = new(period);
        _range = new(period);
        _trueRange = default;
    }

    /// <summary>The window length.</summary>
    public int Period { get; }
    /// <summary>Band width in average true ranges.</summary>
    public double Multiplier { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 3;
    /// <inheritdoc />
    public readonly int WarmUp => Period;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        double middle = _typical.Next((bar.High + bar.Low + bar.Close) / 3);
        double tr = _trueRange.Next(bar.High, bar.Low, bar.Close);
        double range = double.IsNaN(tr) ? double.NaN : _range.Next(tr);
        bool ready = !double.IsNaN(range) && !double.IsNaN(middle);
        outputs[0] = ready ? middle + Multiplier * range : double.NaN;
        outputs[1] = ready ? middle : double.NaN;
        outputs[2] = ready ? middle - Multiplier * range : double.NaN;
    }

    /// <inheritdoc />
    public void Reset() { _typical.Reset(); _range.Reset(); _trueRange.Reset(); }
}
