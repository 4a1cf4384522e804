using System.Runtime.CompilerServices;

namespace AlgoTrading.Features.Indicators;

/// <summary>
/// ATR(n) as TA-Lib: the first value, at index n, is the mean of the true ranges of bars 1..n
/// (bar 0 has none); then Wilder: atr = (atr·(n − 1) + tr) / n. Price units.
/// </summary>
public struct AverageTrueRange : IIndicatorKernel
{
    private TrueRange _range;
    private ExponentialMovingAverage _wilder;

    /// <summary>Creates ATR(<paramref name="period"/>).</summary>
    public AverageTrueRange(int period = 14) { Period = period; _range = default; _wilder = ExponentialMovingAverage.Wilder(period); }

    /// <summary>The smoothing period.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period;

    /// <summary>Adds a bar and returns ATR (NaN during warm-up).</summary>
    public double Next(double high, double low, double close)
    {
        double tr = _range.Next(high, low, close);
        return double.IsNaN(tr) ? double.NaN : _wilder.Next(tr);
    }

    /// <summary>
    /// The batch face: <see cref="Next"/> over every bar as one array loop (bit for bit the same
    /// outputs and final state): each bar's true range goes straight into Wilder's average, so the
    /// output is written once (two passes, ranges then averages in place, read it back from memory
    /// on long series); a bar without a true range (NaN) gets NaN and leaves the average alone.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Batch(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        int i = 0, n = close.Length;
        for (; i < n && !_wilder.IsReady; i++) output[i] = Next(high[i], low[i], close[i]);
        if (i == n) return;
        high = high[..n]; low = low[..n]; output = output[..n];
        // Past the warm-up the range has seen a bar, so every true range is TrueRange.Of the previous close.
        double previousClose = _range.PreviousClose, average = _wilder.Average, decay = _wilder.Decay, alpha = _wilder.Alpha;
        for (; i < n; i++)
        {
            double tr = TrueRange.Of(high[i], low[i], previousClose);
            previousClose = close[i];
            if (double.IsNaN(tr)) { output[i] = tr; continue; }
            output[i] = average = ExponentialMovingAverage.Step(average, decay, alpha * tr);
        }
        _range.PreviousClose = previousClose;
        _wilder.Average = average;
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.High, bar.Low, bar.Close);
    /// <inheritdoc />
    public void Reset() { _range.Reset(); _wilder.Reset(); }
}
