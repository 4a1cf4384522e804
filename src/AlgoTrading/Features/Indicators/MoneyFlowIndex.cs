namespace AlgoTrading.Features.Indicators;

/// <summary>
/// MFI(n) as TA-Lib: money flow = typical price × volume, positive when the typical price rose from
/// the previous bar, negative when it fell (neither when equal); MFI = 100 · Σpositive / (Σpositive +
/// Σnegative) over the last n flows, 0 when that total is below 1 (no volume). Scale 0–100; first
/// value at index n.
/// </summary>
public struct MoneyFlowIndex : IIndicatorKernel
{
    private RollingSum _positive, _negative;
    private double _previousTypical;
    private int _seen;

    /// <summary>Creates MFI(<paramref name="period"/>).</summary>
    public MoneyFlowIndex(int period = 14) { Period = period; _positive = new(period); _negative = new(period); _previousTypical = 0; _seen = 0; }

    /// <summary>The window length.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.All;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        double typical = (bar.High + bar.Low + bar.Close) / 3;
        outputs[0] = double.NaN;
        if (_seen++ == 0) { _previousTypical = typical; return; }
        double flow = typical * bar.Volume;
        _positive.Push(typical > _previousTypical ? flow : 0);
        _negative.Push(typical < _previousTypical ? flow : 0);
        _previousTypical = typical;
        if (!_positive.IsFull) return;
        double total = _positive.Sum + _negative.Sum;
        outputs[0] = total < 1 ? 0 : 100 * _positive.Sum / total;
    }

    /// <inheritdoc />
    public void Reset() { _positive.Clear(); _negative.Clear(); _previousTypical = 0; _seen = 0; }
}
