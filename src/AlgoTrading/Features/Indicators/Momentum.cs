namespace AlgoTrading.Features.Indicators;

/// <summary>MOM(n) = close − close n bars ago, in price units (TA-Lib MOM). First value at index n.</summary>
public struct Momentum : IIndicatorKernel
{
    private RingBuffer _closes;

    /// <summary>Creates MOM(<paramref name="period"/>).</summary>
    public Momentum(int period = 10) { Period = period; _closes = new RingBuffer(period + 1); }

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
        outputs[0] = _closes.IsFull ? bar.Close - _closes.Ago(Period) : double.NaN;
    }

    /// <inheritdoc />
    public void Reset() => _closes.Clear();
}
