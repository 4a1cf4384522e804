using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// One child process of <see cref="IndicatorBenchmarks"/>: prepares the series and the cases once, then runs one
/// command from the parent at a time (see <see cref="Serve"/>), so the parent decides how the children's runs
/// interleave.
/// </summary>
internal static class IndicatorBenchmarkChild
{
    private static int N => IndicatorBenchmarks.N;

    /// <summary>One benchmark case as a child holds it: the three computations on its buffers and the check of ours against TA-Lib.</summary>
    private sealed record Case(string Name, Action Ours, Action? TaLib, Action Reference, Check? Check);

    /// <summary>
    /// The child's work: prepares the series and every case, prints its notes and cases and
    /// "ready", then answers one command line at a time until "exit" (or the end of stdin):
    /// "warm c" (two untimed runs of each, "ok"), "ours c", "talib c", "reference c" (one timed run
    /// of that one, "time" and its thread CPU seconds), "check c" ("note" and the check, or an empty note).
    /// </summary>
    public static void Serve()
    {
        var talib = TaLibNative.TryLoad();
        Console.WriteLine(talib is null ? $"note\t{TaLibNative.BuildHint}" : $"note\tTA-Lib C {talib.Version} from {talib.Path}");
        var cases = Prepare(talib);
        foreach (var k in cases) Console.WriteLine($"case\t{k.Name}");
        Console.WriteLine("ready");
        while (Console.In.ReadLine() is { } line && line != "exit")
        {
            var parts = line.Split(' ');
            if (parts.Length != 2 || !int.TryParse(parts[1], out int c) || c < 0 || c >= cases.Count) throw new InvalidOperationException($"indicator child: bad command '{line}'");
            var k = cases[c];
            switch (parts[0])
            {
                case "warm":
                    for (int w = 0; w < IndicatorBenchmarks.WarmUps; w++) { k.Ours(); k.TaLib?.Invoke(); k.Reference(); }
                    Console.WriteLine("ok");
                    break;
                case "ours":
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time\t{Time(k.Ours):R}"));
                    break;
                case "talib":
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time\t{(k.TaLib is null ? double.NaN : Time(k.TaLib)):R}"));
                    break;
                case "reference":
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time\t{Time(k.Reference):R}"));
                    break;
                case "check":
                    if (k.TaLib is null || k.Check is null) { Console.WriteLine("note\t"); break; }
                    k.Ours();
                    k.TaLib();
                    Console.WriteLine($"note\t{Compare(k.Name, k.Check)}");
                    break;
                default:
                    throw new InvalidOperationException($"indicator child: bad command '{line}'");
            }
        }
    }

    /// <summary>The series (written before any timing) and the cases on them.</summary>
    private static List<Case> Prepare(TaLibNative? talib)
    {
        var buffers = new AlignedBuffers(IndicatorBenchmarks.BufferValuesPerN * N);
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

        return
        [
            new("SMA(20), 5-decimal grid (exact sums)",
                () => { var k = new SimpleMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(grid.Span), output.Span, N); },
                Ta(t => t.Sma(grid.Span, taOutput.Span, 20)),
                () => ReferenceIndicators.Sma(grid.Span, output.Span, 20), Relative(1e-9)),
            new("SMA(20), on no grid (running sums)",
                () => { var k = new SimpleMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
                Ta(t => t.Sma(close.Span, taOutput.Span, 20)),
                () => ReferenceIndicators.Sma(close.Span, output.Span, 20), Relative(1e-9)),
            // Streaming, one value at a time as a backtest or live feed calls it, the state in an object
            // as a strategy holds it: the price of exact sums per bar (TA-Lib has no streaming face).
            new("streaming SMA(20) Next, 5-decimal grid",
                () => { var k = new StrongBox<SimpleMovingAverage>(new(20)); var x = grid.Span; var y = output.Span; for (int i = 0; i < x.Length; i++) y[i] = k.Value.Next(x[i]); },
                null,
                () => { var k = new StrongBox<ReferenceIndicators.RunningSma>(new(20)); var x = grid.Span; var y = output.Span; for (int i = 0; i < x.Length; i++) y[i] = k.Value.Next(x[i]); }, null),
            new("EMA(20)",
                () => { var k = new ExponentialMovingAverage(20); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
                Ta(t => t.Ema(close.Span, taOutput.Span, 20)),
                () => ReferenceIndicators.Ema(close.Span, output.Span, 20), Relative(1e-9)),
            new("RSI(14)",
                () => { var k = new RelativeStrengthIndex(14); IndicatorBatch.Run(ref k, BarColumns.OfValues(close.Span), output.Span, N); },
                Ta(t => t.Rsi(close.Span, taOutput.Span, 14)),
                () => ReferenceIndicators.Rsi(close.Span, output.Span, 14), Absolute(1e-5)),
            new("ATR(14)",
                () => { var k = new AverageTrueRange(14); IndicatorBatch.Run(ref k, Bars(), output.Span, N); },
                Ta(t => t.Atr(high.Span, low.Span, close.Span, taOutput.Span, 14)),
                () => ReferenceIndicators.Atr(high.Span, low.Span, close.Span, output.Span, scratch.Span, 14), Relative(1e-9)),
            new("ADX(14) (ours with +DI, -DI)",
                () => { var k = new AverageDirectionalIndex(14); IndicatorBatch.Run(ref k, Bars(), block.Span, N); },
                Ta(t => t.Adx(high.Span, low.Span, close.Span, taOutput.Span, 14)),
                () => ReferenceIndicators.Adx(high.Span, low.Span, close.Span, output.Span, 14), Absolute(1e-4)),
        ];
    }

    /// <summary>Ours against TA-Lib's output: from TA-Lib's first value on, within the tolerance; before it, ours must be NaN (the same warm-up).</summary>
    private sealed record Check(Memory<double> Ours, Memory<double> TaLib, double Tolerance, bool Relative);

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
