namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Parabolic SAR (Wilder) as TA-Lib SAR. The first direction comes from bar 1's directional move
/// (short when −DM of bars 0→1 is positive, else long); the first SAR, at index 1, is bar 0's low
/// (long) or high (short) with the extreme point at bar 1. Each bar: SAR += af·(EP − SAR), clamped
/// so it never enters the previous or current bar's range; af starts at <c>acceleration</c> and
/// grows by it with each new extreme, up to <c>maximum</c>; a bar crossing the SAR reverses the
/// position and the SAR jumps to the old extreme point. Price units.
/// </summary>
public struct ParabolicSar : IIndicatorKernel
{
    private readonly double _step, _maximum;
    private double _sar, _ep, _af, _prevHigh, _prevLow, _firstHigh, _firstLow;
    private bool _long;
    private int _seen;

    /// <summary>Creates SAR with acceleration <paramref name="acceleration"/> and cap <paramref name="maximum"/>.</summary>
    public ParabolicSar(double acceleration = 0.02, double maximum = 0.2)
    {
        _step = acceleration;
        _maximum = maximum;
        _sar = _ep = _af = _prevHigh = _prevLow = _firstHigh = _firstLow = 0;
        _long = true;
        _seen = 0;
    }

    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => 1;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        double high = bar.High, low = bar.Low;
        int index = _seen++;
        if (index == 0)
        {
            (_firstHigh, _firstLow) = (high, low);
            outputs[0] = double.NaN;
            return;
        }
        if (index == 1)
        {
            double downMove = _firstLow - low, upMove = high - _firstHigh;
            _long = !(downMove > 0 && downMove > upMove);
            _af = _step;
            if (_long) { _ep = high; _sar = _firstLow; }
            else { _ep = low; _sar = _firstHigh; }
            (_prevHigh, _prevLow) = (high, low); // TA-Lib uses bar 1 as "previous" on the first step
        }
        double prevHigh = _prevHigh, prevLow = _prevLow;
        (_prevHigh, _prevLow) = (high, low);
        if (_long)
        {
            if (low <= _sar)
            {
                _long = false;
                _sar = Math.Max(_ep, Math.Max(prevHigh, high));
                outputs[0] = _sar;
                _af = _step;
                _ep = low;
                _sar = Math.Max(_sar + _af * (_ep - _sar), Math.Max(prevHigh, high));
            }
            else
            {
                outputs[0] = _sar;
                if (high > _ep) { _ep = high; _af = Math.Min(_af + _step, _maximum); }
                _sar = Math.Min(_sar + _af * (_ep - _sar), Math.Min(prevLow, low));
            }
        }
        else
        {
            if (high >= _sar)
            {
                _long = true;
                _sar = Math.Min(_ep, Math.Min(prevLow, low));
                outputs[0] = _sar;
                _af = _step;
                _ep = high;
                _sar = Math.Min(_sar + _af * (_ep - _sar), Math.Min(prevLow, low));
            }
            else
            {
                outputs[0] = _sar;
                if (low < _ep) { _ep = low; _af = Math.Min(_af + _step, _maximum); }
                _sar = Math.Max(_sar + _af * (_ep - _sar), Math.Max(prevHigh, high));
            }
        }
    }

    /// <inheritdoc />
    public void Reset() { _sar = _ep = _af = _prevHigh = _prevLow = _firstHigh = _firstLow = 0; _long = true; _seen = 0; }
}
