namespace AlgoTrading.Features.Indicators;

/// <summary>ROC(n) = 100 · (close / close n bars ago − 1), in percent (TA-Lib ROC); 0 when the old close is 0. First value at index n.</summary>
public struct RateOfChange : IIndicatorKernel
{
    private RingBuffer _closes;

    /// <summary>Creates ROC(<paramref name="period"/>).</summary>
    public RateOfChange(int period = 10) { Period = period; _closes = new RingBuffer(period + 1); }

    /// <summary>The look-back in bars.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        _closes.Push(bar.Close);
        if (!_closes.IsFull) { outputs[0] = double.NaN; return; }
        double old = _closes.Ago(Period);
        outputs[0] = old != 0 ? 100 * (bar.Close / old - 1) : 0;
    }

    /// <inheritdoc />
    public void Reset() => _closes.Clear();
}
