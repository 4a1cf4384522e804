namespace AlgoTrading.Features.Indicators;

/// <summary>
/// RSI(n), Wilder, as TA-Lib: average gain and loss are the simple means of the first n changes,
/// then Wilder-smoothed (α = 1/n); RSI = 100·gain / (gain + loss), 0 when both are 0.
/// Scale 0–100. The first value is at index n.
/// </summary>
public struct RelativeStrengthIndex : IIndicatorKernel
{
    private double _previous, _gain, _loss;
    private int _seen;

    /// <summary>Creates RSI(<paramref name="period"/>).</summary>
    public RelativeStrengthIndex(int period) { Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period)); _previous = _gain = _loss = 0; _seen = 0; }

    /// <summary>The smoothing period.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period;

    /// <summary>Adds a close and returns RSI (NaN during warm-up).</summary>
    public double Next(double value)
    {
        int index = _seen++;
        if (index == 0) { _previous = value; return double.NaN; }
        double change = value - _previous;
        _previous = value;
        double up = Math.Max(change, 0), down = Math.Max(-change, 0); // branch-free: ups and downs alternate at random
        if (index <= Period)
        {
            _gain += up;
            _loss += down;
            if (index < Period) return double.NaN;
            _gain /= Period;
            _loss /= Period;
        }
        else
        {
            _gain = (_gain * (Period - 1) + up) / Period;
            _loss = (_loss * (Period - 1) + down) / Period;
        }
        double total = _gain + _loss;
        return total != 0 ? 100 * _gain / total : 0;
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() { _previous = _gain = _loss = 0; _seen = 0; }
}
