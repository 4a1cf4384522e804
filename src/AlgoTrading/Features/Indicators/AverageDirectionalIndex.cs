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
        if (Vector256.IsHardwareAccelerated)
        {
            // Four bars of the three Wilder sums in order, then Directional's two divisions for the
            // four at once in vector instructions (two scalar divisions per bar bounded the loop),
            // then the four ADX steps in order: the same operations on the same values, the same bits.
            var hundred = Vector256.Create(100.0);
            var zero = Vector256<double>.Zero;
            for (; i + 4 <= n; i += 4)
            {
                var (p0, m0, r0) = Moves(high[i], low[i], prevHigh, prevLow, prevClose);
                var (p1, m1, r1) = Moves(high[i + 1], low[i + 1], high[i], low[i], close[i]);
                var (p2, m2, r2) = Moves(high[i + 2], low[i + 2], high[i + 1], low[i + 1], close[i + 1]);
                var (p3, m3, r3) = Moves(high[i + 3], low[i + 3], high[i + 2], low[i + 2], close[i + 2]);
                (prevHigh, prevLow, prevClose) = (high[i + 3], low[i + 3], close[i + 3]);
                double pd0 = ExponentialMovingAverage.Step(plusDm, decay, p0), md0 = ExponentialMovingAverage.Step(minusDm, decay, m0), t0 = ExponentialMovingAverage.Step(tr, decay, r0);
                double pd1 = ExponentialMovingAverage.Step(pd0, decay, p1), md1 = ExponentialMovingAverage.Step(md0, decay, m1), t1 = ExponentialMovingAverage.Step(t0, decay, r1);
                double pd2 = ExponentialMovingAverage.Step(pd1, decay, p2), md2 = ExponentialMovingAverage.Step(md1, decay, m2), t2 = ExponentialMovingAverage.Step(t1, decay, r2);
                plusDm = ExponentialMovingAverage.Step(pd2, decay, p3); minusDm = ExponentialMovingAverage.Step(md2, decay, m3); tr = ExponentialMovingAverage.Step(t2, decay, r3);
                // Directional, four at a time: scale = tr != 0 ? 100 / tr : 0; dx = diSum != 0 ? 100·|+DI − −DI| / diSum : 0.
                var trs = Vector256.Create(t0, t1, t2, tr);
                var scale = Vector256.ConditionalSelect(Vector256.Equals(trs, zero), zero, hundred / trs);
                var plusDi = Vector256.Create(pd0, pd1, pd2, plusDm) * scale;
                var minusDi = Vector256.Create(md0, md1, md2, minusDm) * scale;
                var diSum = plusDi + minusDi;
                var dx = Vector256.ConditionalSelect(Vector256.Equals(diSum, zero), zero, hundred * Vector256.Abs(plusDi - minusDi) / diSum) * Vector256.Create(inverse);
                plusDi.CopyTo(plusOut.Slice(i, 4));
                minusDi.CopyTo(minusOut.Slice(i, 4));
                double a0 = ExponentialMovingAverage.Step(adx, decay, dx.GetElement(0));
                double a1 = ExponentialMovingAverage.Step(a0, decay, dx.GetElement(1));
                double a2 = ExponentialMovingAverage.Step(a1, decay, dx.GetElement(2));
                adx = ExponentialMovingAverage.Step(a2, decay, dx.GetElement(3));
                Vector256.Create(a0, a1, a2, adx).CopyTo(adxOut.Slice(i, 4));
            }
        }
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
