using System.Runtime.CompilerServices;

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
