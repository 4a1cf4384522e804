using System.Runtime.CompilerServices;

namespace AlgoTrading.Features.Indicators;

/// <summary>
/// EMA(n) as TA-Lib computes it: the first value, at index n − 1, is the SMA of the first n values;
/// after that ema = ema + α (x − ema) with α = 2 / (n + 1). <see cref="Wilder"/> gives Wilder's
/// smoothing instead (α = 1 / n, same seeding), used by RSI, ATR and ADX.
/// </summary>
public struct ExponentialMovingAverage : IIndicatorKernel
{
    private readonly double _alpha, _decay;
    private double _value, _seedSum;
    private int _seen;

    /// <summary>Creates EMA(<paramref name="period"/>) with α = 2 / (period + 1).</summary>
    public ExponentialMovingAverage(int period) : this(period, 2.0 / (period + 1)) { }

    private ExponentialMovingAverage(int period, double alpha)
    {
        Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period));
        _alpha = alpha;
        _decay = 1 - alpha;
        _value = _seedSum = 0;
        _seen = 0;
    }

    /// <summary>Wilder's smoothing of <paramref name="period"/> bars: α = 1 / period, seeded with the SMA.</summary>
    public static ExponentialMovingAverage Wilder(int period) => new(period, 1.0 / period);

    /// <summary>The smoothing state past the warm-up, for array loops of other kernels that carry it in a register (<see cref="Value"/> reads it for callers).</summary>
    internal double Average { readonly get => _value; set => _value = value; }
    /// <summary>1 − α.</summary>
    internal readonly double Decay => _decay;
    /// <summary>α, the weight of a new value.</summary>
    internal readonly double Alpha => _alpha;

    /// <summary>The period in bars.</summary>
    public int Period { get; }
    /// <summary>Whether a value is available.</summary>
    public readonly bool IsReady => _seen >= Period;
    /// <summary>The current value (NaN until ready).</summary>
    public readonly double Value => IsReady ? _value : double.NaN;
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period - 1;

    /// <summary>Adds a value and returns the average (NaN until the first n values are seen).</summary>
    public double Next(double value)
    {
        if (_seen >= Period) return _value = Step(_value, _decay, _alpha * value);
        _seedSum += value;
        if (++_seen < Period) return double.NaN; // _seen stops at Period: it only tells warm-up from steady state
        return _value = _seedSum / Period;
    }

    /// <summary>
    /// One smoothing step, ema·(1 − α) + α·x as one fused multiply-add: the same average as
    /// ema + α·(x − ema) up to the last bits, with the shortest dependency from one bar to the next
    /// (α·x does not wait for the previous value). Every Wilder and exponential average here uses it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Step(double average, double decay, double weightedValue) => Math.FusedMultiplyAdd(average, decay, weightedValue);

    /// <summary>The batch face: <see cref="Next"/> over every value as an array loop (bit for bit the same outputs and final state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Batch(ReadOnlySpan<double> values, Span<double> output)
    {
        int i = 0, n = values.Length;
        for (; i < n && _seen < Period; i++) output[i] = Next(values[i]);
        if (i == n) return;
        output = output[..n];
        double value = _value, decay = _decay, alpha = _alpha;
        for (; i < values.Length; i++) output[i] = value = Step(value, decay, alpha * values[i]);
        _value = value;
    }

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() { _value = _seedSum = 0; _seen = 0; }
}
