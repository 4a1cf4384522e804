namespace AlgoTrading.Features.Indicators;

/// <summary>
/// True range: max(high − low, |high − previous close|, |low − previous close|). Undefined (NaN) on
/// the first bar, as in TA-Lib TRANGE, because it has no previous close.
/// </summary>
public struct TrueRange
{
    private double _previousClose;
    private bool _started;

    /// <summary>The true range of this bar (NaN on the first).</summary>
    public double Next(double high, double low, double close)
    {
        double result = _started
            ? Math.Max(high - low, Math.Max(Math.Abs(high - _previousClose), Math.Abs(low - _previousClose)))
            : double.NaN;
        _previousClose = close;
        _started = true;
        return result;
    }

    /// <summary>Forgets the previous close.</summary>
    public void Reset() => _started = false;
}
