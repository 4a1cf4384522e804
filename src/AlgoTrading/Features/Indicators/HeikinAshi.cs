namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Heikin-Ashi candles: close = (open + high + low + close)/4; open = (previous HA open + previous
/// HA close)/2, seeded with (open + close)/2 on the first bar; high = max(high, HA open, HA close);
/// low = min(low, HA open, HA close). Outputs (open, high, low, close) in price units; no warm-up.
/// </summary>
public struct HeikinAshi : IIndicatorKernel
{
    private double _open, _close;
    private bool _started;

    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Ohlc;
    /// <inheritdoc />
    public readonly int OutputCount => 4;
    /// <inheritdoc />
    public readonly int WarmUp => 0;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        double haClose = (bar.Open + bar.High + bar.Low + bar.Close) / 4;
        double haOpen = _started ? (_open + _close) / 2 : (bar.Open + bar.Close) / 2;
        (_open, _close, _started) = (haOpen, haClose, true);
        outputs[0] = haOpen;
        outputs[1] = Math.Max(bar.High, Math.Max(haOpen, haClose));
        outputs[2] = Math.Min(bar.Low, Math.Min(haOpen, haClose));
        outputs[3] = haClose;
    }

    /// <inheritdoc />
    public void Reset() { _open = _close = 0; _started = false; }
}
