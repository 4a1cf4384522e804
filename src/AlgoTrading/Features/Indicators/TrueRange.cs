using System.Runtime.CompilerServices;

namespace AlgoTrading.Features.Indicators;

/// <summary>
/// True range: max(high − low, |high − previous close|, |low − previous close|). Undefined (NaN) on
/// the first bar, as in TA-Lib TRANGE, because it has no previous close.
/// </summary>
public struct TrueRange
{
    private double _previousClose;
    private bool _started;

    /// <summary>The true range of a bar given the previous bar's close.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Of(double high, double low, double previousClose) =>
        Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));

    /// <summary>The true range of this bar (NaN on the first).</summary>
    public double Next(double high, double low, double close)
    {
        double result = _started ? Of(high, low, _previousClose) : double.NaN;
        _previousClose = close;
        _started = true;
        return result;
    }

    /// <summary>The previous bar's close (for array loops that carry it in a register; meaningful once a bar was seen).</summary>
    internal double PreviousClose { readonly get => _previousClose; set => _previousClose = value; }

    /// <summary>Forgets the previous close.</summary>
    public void Reset() => _started = false;
}
