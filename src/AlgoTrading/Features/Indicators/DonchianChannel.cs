namespace AlgoTrading.Features.Indicators;

/// <summary>Donchian channel(n): upper = highest high, lower = lowest low over n bars, middle = their mean. Outputs (upper, middle, lower) in price units; first at index n − 1.</summary>
public struct DonchianChannel : IIndicatorKernel
{
    private RollingExtremum _highest, _lowest;

    /// <summary>Creates a Donchian channel of <paramref name="period"/> bars.</summary>
    public DonchianChannel(int period = 20) { Period = period; _highest = new(period, true); _lowest = new(period, false); }

    /// <summary>The window length.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 3;
    /// <inheritdoc />
    public readonly int WarmUp => Period - 1;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        double hh = _highest.Push(bar.High), ll = _lowest.Push(bar.Low);
        bool ready = _highest.Seen >= Period;
        outputs[0] = ready ? hh : double.NaN;
        outputs[1] = ready ? (hh + ll) / 2 : double.NaN;
        outputs[2] = ready ? ll : double.NaN;
    }

    /// <inheritdoc />
    public void Reset() { _highest.Clear(); _lowest.Clear(); }
}
