using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// Batch indicators on 10M synthetic values against the in-process reference loops
/// (<see cref="ReferenceIndicators"/>), over several processes: a figure from one process says
/// little, because code layout, data alignment and JIT decisions are fixed per process. Each child
/// process measures every case (alternating ours and the reference, median of seven runs); the
/// parent prints, per case, the median over processes, the range, the spread (range / median) and
/// the ratio to the reference.
/// </summary>
internal static class IndicatorBenchmarks
{
    private const int N = 10_000_000;
    private const string ChildGroup = "indicators-once";

    /// <summary>Runs <paramref name="processes"/> child processes one after another and summarises them.</summary>
    public static void AcrossProcesses(int processes)
    {
        var results = new Dictionary<string, List<(double Ours, double Reference)>>();
        var order = new List<string>();
        for (int p = 0; p < processes; p++)
        {
            foreach (var (name, ours, reference) in RunChild())
            {
                if (!results.TryGetValue(name, out var list)) { results[name] = list = []; order.Add(name); }
                list.Add((ours, reference));
            }
        }
        Console.WriteLine($"batch indicators, {N / 1_000_000}M values, one core, {processes} processes (Mvalues/s: median over processes, range, spread = range / median)");
        Console.WriteLine($"{"case",-36} {"ours",8} {"range",15} {"spread",7} {"reference",10} {"spread",7} {"ours/ref",9}");
        foreach (var name in order)
        {
            var ours = results[name].Select(r => r.Ours).Order().ToArray();
            var reference = results[name].Select(r => r.Reference).Order().ToArray();
            double oursMedian = Median(ours), referenceMedian = Median(reference);
            Console.WriteLine($"{name,-36} {oursMedian,8:F0} {$"{ours[0]:F0}-{ours[^1]:F0}",15} {(ours[^1] - ours[0]) / oursMedian,7:P0} {referenceMedian,10:F0} {(reference[^1] - reference[0]) / referenceMedian,7:P0} {oursMedian / referenceMedian,8:F2}x");
        }
    }

    private static double Median(double[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    private static IEnumerable<(string Name, double Ours, double Reference)> RunChild()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(IndicatorBenchmarks).Assembly.Location);
        start.ArgumentList.Add(ChildGroup);
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        var lines = new List<string>();
        while (child.StandardOutput.ReadLine() is { } line) lines.Add(line);
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"benchmark child exited with {child.ExitCode}");
        foreach (var line in lines.Where(l => l.StartsWith("result\t")))
        {
            var f = line.Split('\t');
            yield return (f[1], double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The child's work: every case once, printed as tab-separated result lines.</summary>
    public static void MeasureOnce()
    {
        var buffers = new AlignedBuffers(7 * N);
        var (close, high, low, grid) = (buffers.Take(N), buffers.Take(N), buffers.Take(N), buffers.Take(N));
        var block = buffers.Take(3 * N); // ours ADX writes three columns; the others the first
        var output = block[..N];
        var scratch = block[(2 * N)..]; // the reference ATR's true ranges
        // The 10M series of the earlier benchmark (a random walk with a high/low band, on no grid), and
        // the same walk rounded to 5 decimals as FX quotes are.
        var rng = new AlgoTrading.Data.Synthetic.SplitMix64(7);
        double p = 1.1;
        Span<double> c = close.Span, h = high.Span, l = low.Span, g = grid.Span;
        for (int i = 0; i < N; i++)
        {
            p *= 1 + 0.0005 * rng.NextGaussian();
            double range = p * 0.0004 * (1 + rng.NextDouble());
            c[i] = p; h[i] = p + range * rng.NextDouble(); l[i] = p - range * rng.NextDouble();
            g[i] = Math.Round(p * 100_000) / 100_000;
        }
        BarColumns Bars() => new(default, default, high.Span, low.Span, close.Span, default);

        Case("SMA(20), 5-decimal grid (exact sums)",
            () => { var k = new SimpleMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(grid.Span), output.Span, N); },
            () => ReferenceIndicators.Sma(grid.Span, output.Span, 20));
        Case("SMA(20), on no grid (running sums)",
            () => { var k = new SimpleMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
            () => ReferenceIndicators.Sma(close.Span, output.Span, 20));
        // Streaming, one value at a time as a backtest or live feed calls it, the state in an object
        // as a strategy holds it: the price of exact sums per bar.
        Case("streaming SMA(20) Next, 5-decimal grid",
            () => { var k = new StrongBox<SimpleMovingAverage>(new(20)); var x = grid.Span; var y = output.Span; for (int i = 0; i < x.Length; i++) y[i] = k.Value.Next(x[i]); },
            () => { var k = new StrongBox<ReferenceIndicators.RunningSma>(new(20)); var x = grid.Span; var y = output.Span; for (int i = 0; i < x.Length; i++) y[i] = k.Value.Next(x[i]); });
        Case("EMA(20)",
            () => { var k = new ExponentialMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
            () => ReferenceIndicators.Ema(close.Span, output.Span, 20));
        Case("RSI(14)",
            () => { var k = new RelativeStrengthIndex(14); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
            () => ReferenceIndicators.Rsi(close.Span, output.Span, 14));
        Case("ATR(14)",
            () => { var k = new AverageTrueRange(14); IndicatorBatch.Run(ref k, Bars(), output.Span, N); },
            () => ReferenceIndicators.Atr(high.Span, low.Span, close.Span, output.Span, scratch.Span, 14));
        Case("ADX(14) (ours with +DI, -DI)",
            () => { var k = new AverageDirectionalIndex(14); IndicatorBatch.Run(ref k, Bars(), block.Span, N); },
            () => ReferenceIndicators.Adx(high.Span, low.Span, close.Span, output.Span, 14));
    }

    /// <summary>Two warm-up runs each, then seven rounds alternating ours and the reference; prints the medians in Mvalues/s.</summary>
    private static void Case(string name, Action ours, Action reference)
    {
        for (int w = 0; w < 2; w++) { ours(); reference(); }
        var (a, b) = (new List<double>(), new List<double>());
        for (int r = 0; r < 7; r++)
        {
            a.Add(Time(ours));
            b.Add(Time(reference));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result\t{name}\t{N / a.Order().ElementAt(3) / 1e6:F1}\t{N / b.Order().ElementAt(3) / 1e6:F1}"));
    }

    /// <summary>
    /// Seconds of CPU the measuring thread spent in <paramref name="run"/> (Linux: its thread clock),
    /// so time slices given to the other processes of a shared machine do not count; elsewhere the
    /// wall clock.
    /// </summary>
    private static double Time(Action run)
    {
        if (!OperatingSystem.IsLinux())
        {
            var sw = Stopwatch.StartNew();
            run();
            return sw.Elapsed.TotalSeconds;
        }
        double before = ThreadSeconds();
        run();
        return ThreadSeconds() - before;
    }

    private static double ThreadSeconds()
    {
        const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID
        if (clock_gettime(ClockThreadCpuTime, out var t) != 0) throw new InvalidOperationException("clock_gettime failed");
        return t.Seconds + t.Nanoseconds * 1e-9;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    /// <summary>
    /// Pinned arrays handed out from 64-byte boundaries: every process then sees the same alignment
    /// of the data to cache lines and vectors (a managed array's start moves by 16 bytes from one
    /// process to the next).
    /// </summary>
    private sealed class AlignedBuffers(int values)
    {
        private readonly double[] _memory = GC.AllocateUninitializedArray<double>(values + 8 * 16, pinned: true);
        private int _used;

        public Memory<double> Take(int count)
        {
            long address = Marshal.UnsafeAddrOfPinnedArrayElement(_memory, _used);
            int skip = (int)((64 - address % 64) % 64 / 8);
            var memory = _memory.AsMemory(_used + skip, count);
            _used += skip + count;
            return memory;
        }
    }
}
