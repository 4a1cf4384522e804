using System.Runtime.CompilerServices;
using AlgoTrading.Domain;

namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Columns of bar data for the batch face: spans of equal length (volume and time may be empty
/// when the kernel does not read them).
/// </summary>
public readonly ref struct BarColumns
{
    /// <summary>Wraps spans.</summary>
    public BarColumns(ReadOnlySpan<long> time, ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume)
    {
        Time = time;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
    }

    /// <summary>The columns of <paramref name="series"/> for one price source.</summary>
    public static BarColumns Of(BarSeries series, PriceSource source)
    {
        var p = series.Prices(source);
        return new BarColumns(series.TimeTicks, p.Open, p.High, p.Low, p.Close, series.Volume);
    }

    /// <summary>A single series fed as the close (for close-only kernels).</summary>
    public static BarColumns OfValues(ReadOnlySpan<double> values) => new(default, default, default, default, values, default);

    /// <summary>Bar start times (UTC ticks).</summary>
    public ReadOnlySpan<long> Time { get; }
    /// <summary>Opens.</summary>
    public ReadOnlySpan<double> Open { get; }
    /// <summary>Highs.</summary>
    public ReadOnlySpan<double> High { get; }
    /// <summary>Lows.</summary>
    public ReadOnlySpan<double> Low { get; }
    /// <summary>Closes.</summary>
    public ReadOnlySpan<double> Close { get; }
    /// <summary>Volumes (empty reads as 0).</summary>
    public ReadOnlySpan<double> Volume { get; }
    /// <summary>Number of bars.</summary>
    public int Length => Close.Length;
}

/// <summary>
/// The batch face of every indicator: runs a kernel over columns into an output block of
/// <c>OutputCount</c> columns, column k at <c>output[k·stride ..]</c> (column-major, so a feature
/// matrix's columns are written in place). Generic over the kernel struct, so the JIT specialises
/// and inlines the update; only the fields the kernel reads are loaded; nothing is allocated per bar.
/// </summary>
public static class IndicatorBatch
{
    /// <summary>Runs <paramref name="kernel"/> over <paramref name="input"/>; the kernel's state is advanced. The output must not overlap the input (array loops read earlier inputs again).</summary>
    public static void Run<TKernel>(ref TKernel kernel, BarColumns input, Span<double> output, int stride) where TKernel : struct, IIndicatorKernel
    {
        int n = input.Length, outputs = kernel.OutputCount;
        if (stride < n || output.Length < (outputs - 1) * stride + n)
            throw new ArgumentException($"the output block needs {outputs} columns of at least {n} values");
        if (RunArrayLoop(ref kernel, input, output, stride)) return;
        Span<double> values = stackalloc double[outputs];
        var time = input.Time; var open = input.Open; var high = input.High; var low = input.Low; var close = input.Close; var volume = input.Volume;
        for (int i = 0; i < n; i++)
        {
            var bar = TKernel.Inputs switch
            {
                IndicatorInputs.Close => new BarInput(0, 0, 0, 0, close[i], 0),
                IndicatorInputs.HighLowClose => new BarInput(0, 0, high[i], low[i], close[i], 0),
                IndicatorInputs.Ohlc => new BarInput(0, open[i], high[i], low[i], close[i], 0),
                _ => new BarInput(time.IsEmpty ? 0 : time[i], open.IsEmpty ? 0 : open[i], high[i], low[i], close[i], volume.IsEmpty ? 0 : volume[i]),
            };
            kernel.Update(bar, values);
            if (outputs == 1) output[i] = values[0];
            else for (int k = 0; k < outputs; k++) output[k * stride + i] = values[k];
        }
    }

    /// <summary>
    /// The kernels with an array loop of their own (the hot ones): a loop over spans that keeps its
    /// state in registers, bit for bit the outputs and final state of the bar-by-bar update. The
    /// type tests are constants once the JIT specialises <typeparamref name="TKernel"/>, so only the
    /// matching branch is compiled.
    /// </summary>
    private static bool RunArrayLoop<TKernel>(ref TKernel kernel, BarColumns input, Span<double> output, int stride) where TKernel : struct, IIndicatorKernel
    {
        if (typeof(TKernel) == typeof(SimpleMovingAverage))
            Unsafe.As<TKernel, SimpleMovingAverage>(ref kernel).Batch(input.Close, output);
        else if (typeof(TKernel) == typeof(ExponentialMovingAverage))
            Unsafe.As<TKernel, ExponentialMovingAverage>(ref kernel).Batch(input.Close, output);
        else if (typeof(TKernel) == typeof(RelativeStrengthIndex))
            Unsafe.As<TKernel, RelativeStrengthIndex>(ref kernel).Batch(input.Close, output);
        else if (typeof(TKernel) == typeof(AverageTrueRange))
            Unsafe.As<TKernel, AverageTrueRange>(ref kernel).Batch(input.High, input.Low, input.Close, output);
        else if (typeof(TKernel) == typeof(AverageDirectionalIndex))
            Unsafe.As<TKernel, AverageDirectionalIndex>(ref kernel).Batch(input.High, input.Low, input.Close, output, stride);
        else return false;
        return true;
    }

    /// <summary>Runs a fresh single-output kernel over <paramref name="values"/> and returns the outputs.</summary>
    public static double[] Compute<TKernel>(TKernel kernel, ReadOnlySpan<double> values) where TKernel : struct, IIndicatorKernel
    {
        var result = new double[values.Length * kernel.OutputCount];
        Run(ref kernel, BarColumns.OfValues(values), result, values.Length);
        return result;
    }

    /// <summary>Runs a fresh kernel over <paramref name="input"/>; returns its outputs column-major (n × OutputCount).</summary>
    public static double[] Compute<TKernel>(TKernel kernel, BarColumns input) where TKernel : struct, IIndicatorKernel
    {
        var result = new double[input.Length * kernel.OutputCount];
        Run(ref kernel, input, result, input.Length);
        return result;
    }
}
