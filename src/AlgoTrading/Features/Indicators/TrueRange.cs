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

    /// <summary><see cref="Next"/> over every bar as an array loop (the same values and final state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Ranges(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> ranges)
    {
        int n = close.Length;
        if (n == 0) return;
        high = high[..n]; low = low[..n]; ranges = ranges[..n];
        ranges[0] = Next(high[0], low[0], close[0]);
        double previousClose = _previousClose;
        for (int i = 1; i < n; i++)
        {
            ranges[i] = Of(high[i], low[i], previousClose);
            previousClose = close[i];
        }
        _previousClose = previousClose;
    }

    /// <summary>Forgets the previous close.</summary>
    public void Reset() => _started = false;
}
