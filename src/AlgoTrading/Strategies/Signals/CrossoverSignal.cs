using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Strategies.Signals;

/// <summary>
/// Moving-average crossover: +1 when the sign of (fast − slow) turns positive, −1 when it turns
/// negative, compared with the last non-zero sign (a touch, fast = slow, is not a cross, and the
/// first defined sign only sets the reference). Fast and slow are SMAs of the close.
/// </summary>
public sealed class CrossoverSignal : ISignal
{
    private SimpleMovingAverage _fast, _slow;
    private int _lastSign;

    /// <summary>Creates the rule.</summary>
    public CrossoverSignal(int fast, int slow)
    {
        if (fast < 1 || slow <= fast) throw new ArgumentException($"a crossover needs 1 ≤ fast < slow (got fast={fast}, slow={slow})");
        (_fast, _slow) = (new SimpleMovingAverage(fast), new SimpleMovingAverage(slow));
    }

    /// <inheritdoc />
    public IndicatorInputs Inputs => IndicatorInputs.Close;

    /// <inheritdoc />
    public int? Update(in BarInput bar)
    {
        double fast = _fast.Next(bar.Close), slow = _slow.Next(bar.Close);
        if (double.IsNaN(slow)) return null;
        int sign = fast > slow ? 1 : fast < slow ? -1 : 0; // not Math.Sign: it checks for NaN and is not inlined
        if (sign == 0) return null;
        int previous = _lastSign;
        _lastSign = sign;
        return previous != 0 && previous != sign ? sign : null;
    }
}
