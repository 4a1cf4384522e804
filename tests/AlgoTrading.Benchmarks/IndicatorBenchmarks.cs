using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// Batch indicators on 10M synthetic values against TA-Lib C (<see cref="TaLibNative"/>, when
/// tools/talib-reference/build.sh has built it) and the in-process C# loops
/// (<see cref="ReferenceIndicators"/>), over several processes: a figure from one process says
/// little, because code layout, data alignment and JIT decisions are fixed per process. Each child
/// process measures every case (alternating ours, TA-Lib and the C# loop on the same buffers,
/// median of seven runs) and checks ours equals TA-Lib's values; the parent prints, per case, the
/// median over processes, the range, the spread (range / median) and the ratios. BENCH_N=&lt;values&gt;
/// changes the series length (10M by default), e.g. to time the kernels on data that fits in cache.
/// </summary>
internal static class IndicatorBenchmarks
{
    private static readonly int N = int.TryParse(Environment.GetEnvironmentVariable("BENCH_N"), out int n) ? n : 10_000_000;
    private const string ChildGroup = "indicators-once";

    /// <summary>Runs <paramref name="processes"/> child processes one after another and summarises them.</summary>
    public static void AcrossProcesses(int processes)
    {
        var results = new Dictionary<string, List<(double Ours, double TaLib, double Reference, double OursWithin, double OursBest)>>();
        var order = new List<string>();
        var notes = new List<string>();
        for (int p = 0; p < processes; p++)
        {
            foreach (var fields in RunChild())
            {
                if (fields[0] != "result") { if (p == 0) notes.Add(fields[1]); continue; } // notes and checks: deterministic, the first child's
                string name = fields[1];
                if (!results.TryGetValue(name, out var list)) { results[name] = list = []; order.Add(name); }
                list.Add((Parse(fields[2]), Parse(fields[3]), Parse(fields[4]), Parse(fields[5]), Parse(fields[6])));
            }
        }
        Console.WriteLine($"batch indicators, {N.ToString("N0", CultureInfo.InvariantCulture)} values, one core, {processes} processes (Mvalues/s: median over processes, range, spread = range / median)");
        foreach (var note in notes) Console.WriteLine(note);
        Console.WriteLine("(within: ours' spread between the seven runs inside one process, median over processes: a large 'within' is noise from other tenants, a spread far above it comes from the process itself; best: the spread over processes of each process's fastest run)");
        Console.WriteLine($"{"case",-38} {"ours",6} {"range",11} {"spread",6} {"within",6} {"best",6} {"TA-Lib C",8} {"range",11} {"spread",6} {"ours/TA",7} {"C# loop",7} {"ours/loop",9}");
        foreach (var name in order)
        {
            var (ours, ours0, ours1, oursSpread) = Summary(results[name].Select(r => r.Ours));
            var (ta, ta0, ta1, taSpread) = Summary(results[name].Select(r => r.TaLib));
            var (reference, _, _, _) = Summary(results[name].Select(r => r.Reference));
            var (within, _, _, _) = Summary(results[name].Select(r => r.OursWithin));
            var (_, _, _, bestSpread) = Summary(results[name].Select(r => r.OursBest));
            string taColumns = double.IsNaN(ta) ? $"{"-",8} {"",11} {"",6} {"-",7}" : $"{ta,8:F0} {$"{ta0:F0}-{ta1:F0}",11} {taSpread,6:P0} {ours / ta,6:F2}x";
            Console.WriteLine($"{name,-38} {ours,6:F0} {$"{ours0:F0}-{ours1:F0}",11} {oursSpread,6:P0} {within,6:P0} {bestSpread,6:P0} {taColumns} {reference,7:F0} {ours / reference,8:F2}x");
        }
    }

    private static double Parse(string field) => double.Parse(field, CultureInfo.InvariantCulture);

    private static (double Median, double Low, double High, double Spread) Summary(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return (double.NaN, double.NaN, double.NaN, double.NaN);
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return (median, sorted[0], sorted[^1], (sorted[^1] - sorted[0]) / median);
    }

    private static IEnumerable<string[]> RunChild()
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
        return lines.Where(l => l.StartsWith("result\t") || l.StartsWith("note\t")).Select(l => l.Split('\t'));
    }

    /// <summary>The child's work: every case once, printed as tab-separated result lines (and note lines: the TA-Lib library, the value checks).</summary>
    public static void MeasureOnce()
    {
        var talib = TaLibNative.TryLoad();
        Console.WriteLine(talib is null ? $"note\t{TaLibNative.BuildHint}" : $"note\tTA-Lib C {talib.Version} from {talib.Path}");
        var buffers = new AlignedBuffers(8 * N);
        var (close, high, low, grid) = (buffers.Take(N), buffers.Take(N), buffers.Take(N), buffers.Take(N));
        var block = buffers.Take(3 * N); // ours ADX writes three columns; the others the first
        var output = block[..N];
        var scratch = block[(2 * N)..]; // the C# loop's ATR true ranges
        var taOutput = buffers.Take(N);  // TA-Lib's, kept apart so the check compares the two
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
        block.Span.Fill(0); taOutput.Span.Fill(0); // first touch (page faults) before any timing
        BarColumns Bars() => new(default, default, high.Span, low.Span, close.Span, default);
        Action? Ta(Func<TaLibNative, int> run) => talib is null ? null : () => s_taLibBegin = run(talib);
        // Tolerances of the reference tests (IndicatorReferenceTests): 1e-9 relative for averages in
        // price units, 1e-5 on RSI's and 1e-4 on ADX's 0-100 scale (ours smooth with one fused
        // multiply-add where TA-Lib divides, which differs in the last bits and decays).
        Check Relative(double tolerance) => new(output, taOutput, tolerance, Relative: true);
        Check Absolute(double tolerance) => new(output, taOutput, tolerance, Relative: false);

        Case("SMA(20), 5-decimal grid (exact sums)",
            () => { var k = new SimpleMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(grid.Span), output.Span, N); },
            Ta(t => t.Sma(grid.Span, taOutput.Span, 20)),
            () => ReferenceIndicators.Sma(grid.Span, output.Span, 20), Relative(1e-9));
        Case("SMA(20), on no grid (running sums)",
            () => { var k = new SimpleMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
            Ta(t => t.Sma(close.Span, taOutput.Span, 20)),
            () => ReferenceIndicators.Sma(close.Span, output.Span, 20), Relative(1e-9));
        // Streaming, one value at a time as a backtest or live feed calls it, the state in an object
        // as a strategy holds it: the price of exact sums per bar (TA-Lib has no streaming face).
        Case("streaming SMA(20) Next, 5-decimal grid",
            () => { var k = new StrongBox<SimpleMovingAverage>(new(20)); var x = grid.Span; var y = output.Span; for (int i = 0; i < x.Length; i++) y[i] = k.Value.Next(x[i]); },
            null,
            () => { var k = new StrongBox<ReferenceIndicators.RunningSma>(new(20)); var x = grid.Span; var y = output.Span; for (int i = 0; i < x.Length; i++) y[i] = k.Value.Next(x[i]); }, null);
        Case("EMA(20)",
            () => { var k = new ExponentialMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
            Ta(t => t.Ema(close.Span, taOutput.Span, 20)),
            () => ReferenceIndicators.Ema(close.Span, output.Span, 20), Relative(1e-9));
        Case("RSI(14)",
            () => { var k = new RelativeStrengthIndex(14); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
            Ta(t => t.Rsi(close.Span, taOutput.Span, 14)),
            () => ReferenceIndicators.Rsi(close.Span, output.Span, 14), Absolute(1e-5));
        Case("ATR(14)",
            () => { var k = new AverageTrueRange(14); IndicatorBatch.Run(ref k, Bars(), output.Span, N); },
            Ta(t => t.Atr(high.Span, low.Span, close.Span, taOutput.Span, 14)),
            () => ReferenceIndicators.Atr(high.Span, low.Span, close.Span, output.Span, scratch.Span, 14), Relative(1e-9));
        Case("ADX(14) (ours with +DI, -DI)",
            () => { var k = new AverageDirectionalIndex(14); IndicatorBatch.Run(ref k, Bars(), block.Span, N); },
            Ta(t => t.Adx(high.Span, low.Span, close.Span, taOutput.Span, 14)),
            () => ReferenceIndicators.Adx(high.Span, low.Span, close.Span, output.Span, 14), Absolute(1e-4));
    }

    /// <summary>Ours against TA-Lib's output: from TA-Lib's first value on, within the tolerance; before it, ours must be NaN (the same warm-up).</summary>
    private sealed record Check(Memory<double> Ours, Memory<double> TaLib, double Tolerance, bool Relative);

    /// <summary>
    /// Warm-up runs, then seven rounds alternating ours, TA-Lib and the C# loop; prints the medians in
    /// Mvalues/s (NaN for a missing TA-Lib), then checks ours against TA-Lib's values.
    /// </summary>
    private static void Case(string name, Action ours, Action? talib, Action reference, Check? check)
    {
        for (int w = 0; w < 2; w++) { ours(); talib?.Invoke(); reference(); }
        var (a, b, r) = (new List<double>(), new List<double>(), new List<double>());
        for (int round = 0; round < 7; round++)
        {
            a.Add(Time(ours));
            if (talib is not null) b.Add(Time(talib));
            r.Add(Time(reference));
        }
        static string Rate(List<double> seconds) => seconds.Count == 0 ? "NaN" : (N / seconds.Order().ElementAt(seconds.Count / 2) / 1e6).ToString("F1", CultureInfo.InvariantCulture);
        double within = (a.Max() - a.Min()) / a.Order().ElementAt(a.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result\t{name}\t{Rate(a)}\t{Rate(b)}\t{Rate(r)}\t{within:F4}\t{N / a.Min() / 1e6:F1}"));
        if (talib is null || check is null) return;
        ours();
        talib();
        Console.WriteLine($"note\t{Compare(name, check)}");
    }

    private static int s_taLibBegin = -1; // the input index of TA-Lib's first output in its last call

    private static string Compare(string name, Check check)
    {
        var ours = check.Ours.Span;
        var ta = check.TaLib.Span;
        int begin = 0;
        while (begin < N && double.IsNaN(ours[begin])) begin++;
        // TA-Lib writes its first value at output index 0; its lookback is ours (the index of our first value).
        double worst = 0;
        int worstAt = -1, bad = 0;
        for (int i = begin; i < N; i++)
        {
            double expected = ta[i - begin], diff = Math.Abs(ours[i] - expected);
            double allowed = check.Relative ? check.Tolerance * Math.Max(1, Math.Abs(expected)) : check.Tolerance;
            if (!(diff <= allowed)) bad++;
            if (!(diff <= worst)) (worst, worstAt) = (diff, i);
        }
        bool sameWarmUp = begin == s_taLibBegin;
        string verdict = bad == 0 && sameWarmUp ? "equal" : $"DIFFERENT ({bad} values beyond the tolerance{(sameWarmUp ? "" : $", TA-Lib's first value at {s_taLibBegin}")})";
        return string.Create(CultureInfo.InvariantCulture, $"check {name}: ours vs TA-Lib {verdict}, first value at {begin}, largest difference {worst:G3} at {worstAt} (tolerance {check.Tolerance:G1}{(check.Relative ? " relative" : "")})");
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
    /// Buffers handed out from 64-byte boundaries of one large array allocated the way the library
    /// allocates loaded columns (<see cref="AlgoTrading.Domain.ColumnAllocator"/>: pinned, mapped up
    /// front and, on Linux, advised for transparent huge pages), so every process sees the same
    /// alignment of the data to cache lines and vectors (a managed array's start moves by 16 bytes
    /// from one process to the next), and the kernels read memory mapped as a user's series is.
    /// </summary>
    private sealed class AlignedBuffers(int values)
    {
        private readonly double[] _memory = OperatingSystem.IsLinux()
            ? AlgoTrading.Domain.ColumnAllocator.Allocate<double>(values + 8 * 16) // pinned at this size on Linux
            : GC.AllocateUninitializedArray<double>(values + 8 * 16, pinned: true);
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
