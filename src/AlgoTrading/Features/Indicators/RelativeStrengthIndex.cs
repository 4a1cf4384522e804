using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AlgoTrading.Features.Indicators;

/// <summary>
/// RSI(n), Wilder, as TA-Lib: average gain and loss are the simple means of the first n changes,
/// then Wilder-smoothed (α = 1/n, as gain·(1 − α) + α·up in one fused step, which differs from
/// TA-Lib's (gain·(n − 1) + up)/n only in the last bits); RSI = 100·gain / (gain + loss), 0 when
/// both are 0. Scale 0–100. The first value is at index n.
/// </summary>
public struct RelativeStrengthIndex : IIndicatorKernel
{
    private double _previous, _gain, _loss;
    private readonly double _decay, _inverse;
    private int _seen;

    /// <summary>Creates RSI(<paramref name="period"/>).</summary>
    public RelativeStrengthIndex(int period)
    {
        Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));
        _previous = _gain = _loss = 0;
        _inverse = 1.0 / period;
        _decay = 1 - _inverse;
        _seen = 0;
    }

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
        int index = _seen;
        double change = value - _previous;
        _previous = value;
        double up = Math.Max(change, 0), down = Math.Max(-change, 0); // branch-free: ups and downs alternate at random
        if (index > Period)
        {
            _gain = ExponentialMovingAverage.Step(_gain, _decay, up * _inverse);
            _loss = ExponentialMovingAverage.Step(_loss, _decay, down * _inverse);
            return Rsi(_gain, _loss);
        }
        _seen++; // stops at Period + 1: it only tells warm-up from steady state
        if (index == 0) return double.NaN;
        _gain += up;
        _loss += down;
        if (index < Period) return double.NaN;
        _gain /= Period;
        _loss /= Period;
        return Rsi(_gain, _loss);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Rsi(double gain, double loss)
    {
        double total = gain + loss;
        return total != 0 ? 100 * gain / total : 0;
    }

    /// <summary>The batch face: <see cref="Next"/> over every value as an array loop (bit for bit the same outputs and final state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Batch(ReadOnlySpan<double> values, Span<double> output)
    {
        int i = 0, n = values.Length;
        for (; i < n && _seen <= Period; i++) output[i] = Next(values[i]);
        if (i == n) return;
        output = output[..n];
        double previous = _previous, gain = _gain, loss = _loss, decay = _decay, inverse = _inverse;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four steps of the two averages in order, then their four divisions in one vector
            // instruction, which overlaps the next four steps: one division per value would
            // otherwise bound the loop (the averages' own chain is one FMA per value). The same
            // operations on the same values as Rsi, so the same bits.
            ref double x0 = ref MemoryMarshal.GetReference(values);
            ref double y0 = ref MemoryMarshal.GetReference(output);
            var hundred = Vector256.Create(100.0);
            for (; i + 4 <= n; i += 4)
            {
                double c0 = Unsafe.Add(ref x0, i) - previous, c1 = Unsafe.Add(ref x0, i + 1) - Unsafe.Add(ref x0, i);
                double c2 = Unsafe.Add(ref x0, i + 2) - Unsafe.Add(ref x0, i + 1), c3 = Unsafe.Add(ref x0, i + 3) - Unsafe.Add(ref x0, i + 2);
                previous = Unsafe.Add(ref x0, i + 3);
                double g0 = ExponentialMovingAverage.Step(gain, decay, Math.Max(c0, 0) * inverse), l0 = ExponentialMovingAverage.Step(loss, decay, Math.Max(-c0, 0) * inverse);
                double g1 = ExponentialMovingAverage.Step(g0, decay, Math.Max(c1, 0) * inverse), l1 = ExponentialMovingAverage.Step(l0, decay, Math.Max(-c1, 0) * inverse);
                double g2 = ExponentialMovingAverage.Step(g1, decay, Math.Max(c2, 0) * inverse), l2 = ExponentialMovingAverage.Step(l1, decay, Math.Max(-c2, 0) * inverse);
                gain = ExponentialMovingAverage.Step(g2, decay, Math.Max(c3, 0) * inverse);
                loss = ExponentialMovingAverage.Step(l2, decay, Math.Max(-c3, 0) * inverse);
                var g = Vector256.Create(g0, g1, g2, gain);
                var total = g + Vector256.Create(l0, l1, l2, loss);
                // total != 0 ? 100·gain / total : 0, as Rsi (a NaN total is not equal to 0, so it divides).
                Vector256.ConditionalSelect(Vector256.Equals(total, Vector256<double>.Zero), Vector256<double>.Zero, hundred * g / total).StoreUnsafe(ref y0, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            double value = values[i], change = value - previous;
            previous = value;
            gain = ExponentialMovingAverage.Step(gain, decay, Math.Max(change, 0) * inverse);
            loss = ExponentialMovingAverage.Step(loss, decay, Math.Max(-change, 0) * inverse);
            output[i] = Rsi(gain, loss);
        }
        (_previous, _gain, _loss) = (previous, gain, loss);
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() { _previous = _gain = _loss = 0; _seen = 0; }
}
