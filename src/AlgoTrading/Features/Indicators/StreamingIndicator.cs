namespace AlgoTrading.Features.Indicators;

/// <summary>
/// The streaming face of an indicator, for live trading: one closed bar at a time, O(1) per bar,
/// no allocation per bar. Wraps the same kernel struct the batch face runs, so both agree exactly.
/// </summary>
public interface IStreamingIndicator
{
    /// <summary>Output names, e.g. <c>macd_12_26_9</c>, <c>macd_signal_12_26_9</c>, <c>macd_hist_12_26_9</c>.</summary>
    IReadOnlyList<string> Names { get; }
    /// <summary>Bars consumed.</summary>
    long Count { get; }
    /// <summary>Whether every output is valid (more than <c>WarmUp</c> bars seen).</summary>
    bool IsReady { get; }
    /// <summary>The latest outputs (NaN during warm-up).</summary>
    ReadOnlySpan<double> Values { get; }
    /// <summary>The fields of <see cref="BarInput"/> it reads.</summary>
    IndicatorInputs Inputs { get; }
    /// <summary>Consumes the next closed bar.</summary>
    void Update(in BarInput bar);
    /// <summary>Forgets everything.</summary>
    void Reset();
}

/// <summary>The streaming face over kernel <typeparamref name="TKernel"/>.</summary>
public sealed class StreamingIndicator<TKernel> : IStreamingIndicator where TKernel : struct, IIndicatorKernel
{
    private TKernel _kernel;
    private readonly double[] _values;

    /// <summary>Wraps a fresh <paramref name="kernel"/> and names its outputs.</summary>
    public StreamingIndicator(TKernel kernel, params string[] names)
    {
        if (names.Length != kernel.OutputCount) throw new ArgumentException($"{typeof(TKernel).Name} has {kernel.OutputCount} outputs; {names.Length} names given");
        _kernel = kernel;
        _values = new double[kernel.OutputCount];
        Array.Fill(_values, double.NaN);
        Names = names;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; }
    /// <inheritdoc />
    public IndicatorInputs Inputs => TKernel.Inputs;
    /// <inheritdoc />
    public long Count { get; private set; }
    /// <inheritdoc />
    public bool IsReady => Count > _kernel.WarmUp;
    /// <inheritdoc />
    public ReadOnlySpan<double> Values => _values;
    /// <summary>The first output's latest value.</summary>
    public double Value => _values[0];

    /// <inheritdoc />
    public void Update(in BarInput bar)
    {
        _kernel.Update(bar, _values);
        Count++;
    }

    /// <inheritdoc />
    public void Reset()
    {
        _kernel.Reset();
        Array.Fill(_values, double.NaN);
        Count = 0;
    }
}
