namespace AlgoTrading.Features.Indicators;

/// <summary>OBV as TA-Lib: starts at the first bar's volume, then adds the volume on an up close and subtracts it on a down close. Volume units; no warm-up.</summary>
public struct OnBalanceVolume : IIndicatorKernel
{
    private double _obv, _previousClose;
    private bool _started;

    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.All;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => 0;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        if (!_started) { _obv = bar.Volume; _started = true; }
        else if (bar.Close > _previousClose) _obv += bar.Volume;
        else if (bar.Close < _previousClose) _obv -= bar.Volume;
        _previousClose = bar.Close;
        outputs[0] = _obv;
    }

    /// <inheritdoc />
    public void Reset() { _obv = _previousClose = 0; _started = false; }
}
