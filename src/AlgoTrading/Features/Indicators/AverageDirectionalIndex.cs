using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AlgoTrading.Features.Indicators;

/// <summary>
/// ADX(n) with +DI and −DI, as TA-Lib. From bar 1: +DM = up move when it exceeds the down move and
/// is positive, −DM likewise, TR the true range. Wilder sums are seeded with the sum of the first
/// n − 1 values, then sum = sum − sum/n + x. +DI = 100·Σ+DM/ΣTR and −DI likewise (first at index n);
/// DX = 100·|+DI − −DI| / (+DI + −DI); ADX is the mean of the first n DX values (index 2n − 1), then
/// Wilder-smoothed. Outputs (adx, plus_di, minus_di), each on a 0–100 scale with its own warm-up.
/// </summary>
public struct AverageDirectionalIndex : IIndicatorKernel
{
    private double _prevHigh, _prevLow, _prevClose;
    private double _plusDm, _minusDm, _tr, _adx, _dxSum;
    private readonly double _decay, _inverse;
    private int _seen;

    /// <summary>Creates ADX(<paramref name="period"/>).</summary>
    public AverageDirectionalIndex(int period = 14)
    {
        Period = period >= 2 ? period : throw new ArgumentOutOfRangeException(nameof(period), "ADX needs a period of at least 2");
        _prevHigh = _prevLow = _prevClose = _plusDm = _minusDm = _tr = _adx = _dxSum = 0;
        _inverse = 1.0 / period;
        _decay = 1 - _inverse;
        _seen = 0;
    }

    /// <summary>The smoothing period.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 3;
    /// <inheritdoc />
    public readonly int WarmUp => 2 * Period - 1;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        int index = _seen;
        if (index < 2 * Period) _seen++; // stops at 2n: it only tells the warm-up stages from steady state
        if (index == 0)
        {
            (_prevHigh, _prevLow, _prevClose) = (bar.High, bar.Low, bar.Close);
            outputs[0] = outputs[1] = outputs[2] = double.NaN;
            return;
        }
        var (plus, minus, tr) = Moves(bar.High, bar.Low, _prevHigh, _prevLow, _prevClose);
        (_prevHigh, _prevLow, _prevClose) = (bar.High, bar.Low, bar.Close);
        int n = Period;
        if (index < n)
        {
            _plusDm += plus; _minusDm += minus; _tr += tr;
            outputs[0] = outputs[1] = outputs[2] = double.NaN;
            return;
        }
        // Multiplying by (1 − 1/n) instead of subtracting x/n differs from TA-Lib only in the last
        // bits and saves divisions; the reference tests bound the difference.
        _plusDm = ExponentialMovingAverage.Step(_plusDm, _decay, plus);
        _minusDm = ExponentialMovingAverage.Step(_minusDm, _decay, minus);
        _tr = ExponentialMovingAverage.Step(_tr, _decay, tr);
        double dx = Directional(_plusDm, _minusDm, _tr, out double plusDi, out double minusDi);
        double adx;
        if (index >= 2 * n) adx = _adx = ExponentialMovingAverage.Step(_adx, _decay, dx * _inverse);
        else if (index == 2 * n - 1) adx = _adx = (_dxSum + dx) * _inverse;
        else { _dxSum += dx; adx = double.NaN; }
        outputs[0] = adx;
        outputs[1] = plusDi;
        outputs[2] = minusDi;
    }

    /// <summary>
    /// +DM, −DM and the true range of a bar. +DM = up when up &gt; down and up &gt; 0, else 0 (−DM
    /// likewise). Branch-free selects: on real prices the comparisons are coin flips, and
    /// mispredicted branches cost more than the math.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Plus, double Minus, double Range) Moves(double high, double low, double prevHigh, double prevLow, double prevClose)
    {
        double up = high - prevHigh, down = prevLow - low;
        var u = Vector128.CreateScalarUnsafe(up);
        var d = Vector128.CreateScalarUnsafe(down);
        var zero = Vector128<double>.Zero;
        double plus = Vector128.ConditionalSelect(Vector128.GreaterThan(u, d) & Vector128.GreaterThan(u, zero), u, zero).ToScalar();
        double minus = Vector128.ConditionalSelect(Vector128.GreaterThan(d, u) & Vector128.GreaterThan(d, zero), d, zero).ToScalar();
        return (plus, minus, TrueRange.Of(high, low, prevClose));
    }

    /// <summary>+DI and −DI from the smoothed sums, and DX = 100·|+DI − −DI| / (+DI + −DI).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Directional(double plusDm, double minusDm, double tr, out double plusDi, out double minusDi)
    {
        double scale = tr != 0 ? 100 / tr : 0;
        plusDi = plusDm * scale;
        minusDi = minusDm * scale;
        double diSum = plusDi + minusDi;
        return diSum != 0 ? 100 * Math.Abs(plusDi - minusDi) / diSum : 0;
    }

    /// <summary>The batch face: <see cref="Update"/> over every bar as an array loop (bit for bit the same outputs and final state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Batch(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int stride)
    {
        int i = 0, n = close.Length;
        Span<double> values = stackalloc double[3];
        for (; i < n && _seen < 2 * Period; i++)
        {
            Update(new BarInput(0, 0, high[i], low[i], close[i], 0), values);
            (output[i], output[stride + i], output[2 * stride + i]) = (values[0], values[1], values[2]);
        }
        if (i == n) return;
        high = high[..n]; low = low[..n];
        var adxOut = output.Slice(0, n);
        var plusOut = output.Slice(stride, n);
        var minusOut = output.Slice(2 * stride, n);
        double prevHigh = _prevHigh, prevLow = _prevLow, prevClose = _prevClose;
        double plusDm = _plusDm, minusDm = _minusDm, tr = _tr, adx = _adx, decay = _decay, inverse = _inverse;
        for (; i < n; i++)
        {
            double h = high[i], l = low[i];
            var (plus, minus, range) = Moves(h, l, prevHigh, prevLow, prevClose);
            (prevHigh, prevLow, prevClose) = (h, l, close[i]);
            plusDm = ExponentialMovingAverage.Step(plusDm, decay, plus);
            minusDm = ExponentialMovingAverage.Step(minusDm, decay, minus);
            tr = ExponentialMovingAverage.Step(tr, decay, range);
            double dx = Directional(plusDm, minusDm, tr, out plusOut[i], out minusOut[i]);
            adxOut[i] = adx = ExponentialMovingAverage.Step(adx, decay, dx * inverse);
        }
        (_prevHigh, _prevLow, _prevClose, _plusDm, _minusDm, _tr, _adx) = (prevHigh, prevLow, prevClose, plusDm, minusDm, tr, adx);
    }

    /// <inheritdoc />
    public void Reset() { _prevHigh = _prevLow = _prevClose = _plusDm = _minusDm = _tr = _adx = _dxSum = 0; _seen = 0; }
}
