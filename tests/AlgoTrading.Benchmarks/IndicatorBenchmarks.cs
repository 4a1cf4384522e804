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
/// process prepares its buffers and then runs, one line on stdin at a time, what the parent asks:
/// a case's warm-up, one timed round (ours, TA-Lib, the C# loop once each, thread CPU seconds) or
/// the check of ours against TA-Lib's values. The parent decides the order. Interleaved by run (the
/// default): all children start at once and, in each of the seven rounds of a case, ours runs in
/// child 1, 2, ..., N, then TA-Lib in each, then the C# loop in each, so the children's runs of one
/// computation follow each other within a fraction of a second and a slow or fast phase of the
/// shared host hits every process alike; the spread between per-process medians then measures
/// what differs between the processes. Interleaved by round (<c>--by-round</c>): a whole round
/// (ours, TA-Lib, the C# loop) in child 1, ..., N, then the next round; ATR's and RSI's speeds
/// change faster than such a round of five children takes (~1.5 s), so this leaves more of the
/// host in the spread. Sequential (<c>--sequential</c>, the earlier design): one child after
/// another, each through every case alone. The parent prints, per case, the median over processes, the range, the spread
/// (range / median) and the ratios. BENCH_N=&lt;values&gt; changes the series length (10M by
/// default), e.g. to time the kernels on data that fits in cache.
/// </summary>
internal static class IndicatorBenchmarks
{
    private static readonly int N = int.TryParse(Environment.GetEnvironmentVariable("BENCH_N"), out int n) ? n : 10_000_000;

    /// <summary>The argument that makes the benchmark executable an indicator child (<see cref="Serve"/>).</summary>
    public const string ChildGroup = "indicators-child";

    private const int Rounds = 7, WarmUps = 2;

    /// <summary>Doubles a child holds per series value: close, high, low, the grid series, ADX's three output columns, TA-Lib's output.</summary>
    private const int BufferValuesPerN = 8;

    /// <summary>How the parent orders the children's timed runs.</summary>
    public enum Schedule
    {
        /// <summary>One child after another, each through every case alone (the earlier design).</summary>
        Sequential,
        /// <summary>All children at once; a round (ours, TA-Lib, the C# loop) in child 1, ..., N, then the next round.</summary>
        Rounds,
        /// <summary>All children at once; within a round ours in child 1, ..., N, then TA-Lib in each, then the C# loop in each (the default).</summary>
        Runs,
    }

    /// <summary>
    /// Runs <paramref name="processes"/> child processes in the order <paramref name="schedule"/>
    /// says; prints the summary table (and, with <paramref name="printRuns"/>, every timed run of
    /// every child in Mvalues/s).
    /// </summary>
    public static void AcrossProcesses(int processes, Schedule schedule, bool printRuns)
    {
        bool sequential = schedule == Schedule.Sequential;
        long perChild = (long)BufferValuesPerN * N * sizeof(double);
        int atOnce = sequential ? 1 : processes;
        long? available = AvailableMemoryBytes();
        Console.WriteLine(schedule switch
        {
            Schedule.Sequential => "mode: sequential (--sequential): one child process after another, each runs all its rounds alone",
            Schedule.Rounds => "mode: interleaved by round (--by-round): all children run at once, the parent hands out each round (ours, TA-Lib, C# loop) to child 1, 2, ... in turn (only one runs at a time)",
            _ => "mode: interleaved by run (the default): all children run at once, in each round the parent has ours run in child 1, 2, ..., then TA-Lib in each, then the C# loop (only one runs at a time)",
        });
        Console.WriteLine($"buffers: {atOnce} child(ren) at once x {perChild / 1e6:F0} MB = {atOnce * perChild / 1e6:F0} MB{(available is { } a ? $" (available now: {a / 1e6:F0} MB)" : "")}");
        if (available is { } free && atOnce * perChild > free)
            throw new InvalidOperationException($"the children's buffers ({atOnce * perChild / 1e6:F0} MB) exceed the available memory ({free / 1e6:F0} MB): use --sequential, fewer --processes or a smaller BENCH_N");

        var clock = Stopwatch.StartNew();
        var done = new List<Child>();
        if (sequential)
        {
            for (int p = 0; p < processes; p++)
            {
                using var child = Child.Start();
                child.WaitReady();
                for (int c = 0; c < child.Cases.Count; c++) RunCase([child], c, byRun: false);
                child.Finish();
                done.Add(child);
            }
        }
        else
        {
            var children = new List<Child>();
            try
            {
                for (int p = 0; p < processes; p++) children.Add(Child.Start()); // they prepare their buffers side by side
                foreach (var child in children) child.WaitReady();
                if (children.Any(ch => !ch.Cases.SequenceEqual(children[0].Cases))) throw new InvalidOperationException("benchmark children disagree on their cases");
                for (int c = 0; c < children[0].Cases.Count; c++) RunCase(children, c, byRun: schedule == Schedule.Runs);
                foreach (var child in children) child.Finish();
                done.AddRange(children);
            }
            finally
            {
                foreach (var child in children) child.Dispose();
            }
        }
        Print(done, schedule, clock.Elapsed, printRuns);
    }

    /// <summary>
    /// One case in <paramref name="children"/>: each warms up, then round by round each runs once,
    /// then each checks. With one child this is the old back-to-back order; with several, the
    /// children's runs of a round follow each other within a fraction of a second (with
    /// <paramref name="byRun"/>, each computation's runs in all children, then the next's), and
    /// round r starts with child r (mod N).
    /// </summary>
    private static void RunCase(IReadOnlyList<Child> children, int c, bool byRun)
    {
        foreach (var child in children) child.Warm(c);
        for (int round = 0; round < Rounds; round++)
        {
            // Each round starts one child later: the first run after the previous computation ran a
            // few per cent slower or faster than the next ones (ATR by run: the fifth ~8 % faster
            // on average than the first), and a fixed order would pin that on child 1.
            var order = Enumerable.Range(0, children.Count).Select(i => children[(i + round) % children.Count]).ToArray();
            if (!byRun)
                foreach (var child in order) child.Round(c);
            else
                foreach (var part in new[] { "ours", "talib", "reference" })
                    foreach (var child in order) child.Part(c, round, part);
        }
        foreach (var child in children) child.Check(c);
    }

    private static void Print(List<Child> children, Schedule schedule, TimeSpan elapsed, bool printRuns)
    {
        Console.WriteLine($"batch indicators, {N.ToString("N0", CultureInfo.InvariantCulture)} values, one core, {children.Count} processes {schedule switch { Schedule.Sequential => "one after another", Schedule.Rounds => "interleaved by round", _ => "interleaved by run" }} in {elapsed.TotalSeconds:F0} s (Mvalues/s: median over processes, range, spread = range / median)");
        // Notes (the TA-Lib library, the checks) are deterministic: one copy, unless a child saw something else.
        foreach (var note in children.SelectMany(ch => ch.Notes).Distinct()) Console.WriteLine(note);
        Console.WriteLine("(within: ours' spread between the seven runs inside one process, median over processes; best: the spread over processes of each process's fastest run; "
            + "paired: the spread over processes of each process's speed relative to all processes' runs of the same round, median over its rounds - interleaved, a round's runs are at most ~1.5 s apart, so what the host does to the whole round cancels; sequential, they are a whole process apart and it does not)");
        Console.WriteLine($"{"case",-38} {"ours",6} {"range",11} {"spread",6} {"within",6} {"best",6} {"paired",6} {"TA-Lib C",8} {"range",11} {"spread",6} {"ours/TA",7} {"C# loop",7} {"ours/loop",9}");
        var cases = children[0].Cases;
        for (int c = 0; c < cases.Count; c++)
        {
            var runs = children.Select(ch => ch.Times[c]).ToArray();
            static double Rate(IEnumerable<double> seconds) => MedianOfRuns(seconds) is var s && double.IsNaN(s) ? double.NaN : N / s / 1e6;
            var (ours, ours0, ours1, oursSpread) = Summary(runs.Select(r => Rate(r.Select(t => t.Ours))));
            var (ta, ta0, ta1, taSpread) = Summary(runs.Select(r => Rate(r.Select(t => t.TaLib))));
            var (reference, _, _, _) = Summary(runs.Select(r => Rate(r.Select(t => t.Reference))));
            // within keeps its earlier definition: on seconds, (slowest - fastest) / median
            var (within, _, _, _) = Summary(runs.Select(r => (r.Max(t => t.Ours) - r.Min(t => t.Ours)) / MedianOfRuns(r.Select(t => t.Ours))));
            var (_, _, _, bestSpread) = Summary(runs.Select(r => N / r.Min(t => t.Ours) / 1e6));
            // paired: each process's run against the median of all processes' runs of the same round (at
            // most ~1.5 s apart when interleaved), the median of those ratios per process, their spread over
            // the processes: a phase of the host that slows a whole round cancels out of it.
            var roundMedians = Enumerable.Range(0, Rounds).Select(round => Summary(runs.Select(r => r[round].Ours)).Median).ToArray();
            var (_, _, _, paired) = Summary(runs.Select(r => Summary(Enumerable.Range(0, Rounds).Select(round => roundMedians[round] / r[round].Ours)).Median));
            string taColumns = double.IsNaN(ta) ? $"{"-",8} {"",11} {"",6} {"-",7}" : $"{ta,8:F0} {$"{ta0:F0}-{ta1:F0}",11} {taSpread,6:P0} {ours / ta,6:F2}x";
            Console.WriteLine($"{cases[c],-38} {ours,6:F0} {$"{ours0:F0}-{ours1:F0}",11} {oursSpread,6:P0} {within,6:P0} {bestSpread,6:P0} {paired,6:P0} {taColumns} {reference,7:F0} {ours / reference,8:F2}x");
        }
        if (!printRuns) return;
        Console.WriteLine("every timed run, Mvalues/s, in time order within each process (ours | TA-Lib):");
        for (int c = 0; c < cases.Count; c++)
            for (int p = 0; p < children.Count; p++)
            {
                var r = children[p].Times[c];
                string Rates(Func<(double Ours, double TaLib, double Reference), double> pick) => string.Join(' ', r.Select(t => (N / pick(t) / 1e6).ToString("F0", CultureInfo.InvariantCulture)));
                Console.WriteLine($"  {cases[c],-38} p{p + 1}: {Rates(t => t.Ours)} | {Rates(t => t.TaLib)}");
            }
    }

    /// <summary>The middle one of an odd number of runs (the upper middle of an even number), as the earlier per-child medians; NaN when there are none.</summary>
    private static double MedianOfRuns(IEnumerable<double> seconds)
    {
        var sorted = seconds.Where(s => !double.IsNaN(s)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static (double Median, double Low, double High, double Spread) Summary(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0) return (double.NaN, double.NaN, double.NaN, double.NaN);
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return (median, sorted[0], sorted[^1], (sorted[^1] - sorted[0]) / median);
    }

    /// <summary> Bytes the kernel reports as available (MemAvailable in /proc/meminfo); null where that cannot be read.</summary>
    private static long? AvailableMemoryBytes()
    {
        if (!File.Exists("/proc/meminfo")) return null;
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return long.TryParse(kb, out long value) ? value * 1024 : null;
    }

    /// <summary>
    /// The parent's side of one child process: it starts the benchmark executable with
    /// <see cref="ChildGroup"/>, sends one command line at a time and reads the one reply line.
    /// Between commands the child blocks on stdin, so the pinned core runs one child at a time.
    /// </summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private Child(Process process) => _process = process;

        /// <summary>The notes (TA-Lib library, the checks) this child printed, in order.</summary>
        public List<string> Notes { get; } = [];
        /// <summary>The case names, in the order the child indexes them.</summary>
        public List<string> Cases { get; } = [];
        /// <summary>Per case, per round in time order: thread CPU seconds of ours, TA-Lib (NaN without it) and the C# loop.</summary>
        public List<List<(double Ours, double TaLib, double Reference)>> Times { get; } = [];

        public static Child Start()
        {
            string host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
            var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(IndicatorBenchmarks).Assembly.Location);
            start.ArgumentList.Add(ChildGroup);
            // The child inherits the parent's affinity (core 0), as every child before.
            return new Child(Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}"));
        }

        /// <summary>Reads the child's notes and cases until it says its buffers are ready.</summary>
        public void WaitReady()
        {
            while (true)
            {
                string line = ReadLine();
                if (line == "ready") break;
                if (line.StartsWith("note\t", StringComparison.Ordinal)) Notes.Add(line[5..]);
                else if (line.StartsWith("case\t", StringComparison.Ordinal)) { Cases.Add(line[5..]); Times.Add([]); }
                // anything else (the program's banner) is not part of the exchange
            }
        }

        public void Warm(int c) => Expect(Ask($"warm {c}"), "ok");

        public void Round(int c)
        {
            var fields = Ask($"round {c}").Split('\t');
            if (fields.Length != 4 || fields[0] != "times") throw new InvalidOperationException($"benchmark child {_process.Id}: unexpected reply '{string.Join('\t', fields)}' to round {c}");
            static double Seconds(string field) => double.Parse(field, CultureInfo.InvariantCulture);
            Times[c].Add((Seconds(fields[1]), Seconds(fields[2]), Seconds(fields[3])));
        }

        /// <summary>One computation of round <paramref name="round"/> ("ours", "talib" or "reference"); the round's record is created by its first.</summary>
        public void Part(int c, int round, string part)
        {
            var fields = Ask($"{part} {c}").Split('\t');
            if (fields.Length != 2 || fields[0] != "time") throw new InvalidOperationException($"benchmark child {_process.Id}: unexpected reply '{string.Join('\t', fields)}' to {part} {c}");
            double seconds = double.Parse(fields[1], CultureInfo.InvariantCulture);
            if (Times[c].Count == round) Times[c].Add((double.NaN, double.NaN, double.NaN));
            var t = Times[c][round];
            Times[c][round] = part switch { "ours" => t with { Ours = seconds }, "talib" => t with { TaLib = seconds }, _ => t with { Reference = seconds } };
        }

        public void Check(int c)
        {
            string reply = Ask($"check {c}");
            if (!reply.StartsWith("note\t", StringComparison.Ordinal)) throw new InvalidOperationException($"benchmark child {_process.Id}: unexpected reply '{reply}' to check {c}");
            if (reply.Length > 5) Notes.Add(reply[5..]);
        }

        /// <summary>Tells the child to exit and checks that it did so cleanly.</summary>
        public void Finish()
        {
            _process.StandardInput.WriteLine("exit");
            _process.StandardInput.Close();
            _process.WaitForExit();
            if (_process.ExitCode != 0) throw new InvalidOperationException($"benchmark child {_process.Id} exited with {_process.ExitCode}");
        }

        private string Ask(string command)
        {
            _process.StandardInput.WriteLine(command);
            _process.StandardInput.Flush();
            return ReadLine();
        }

        private void Expect(string reply, string expected)
        {
            if (reply != expected) throw new InvalidOperationException($"benchmark child {_process.Id}: unexpected reply '{reply}' (expected '{expected}')");
        }

        private string ReadLine()
        {
            if (_process.StandardOutput.ReadLine() is { } line) return line;
            _process.WaitForExit();
            throw new InvalidOperationException($"benchmark child {_process.Id} ended early with exit code {_process.ExitCode}");
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                try { _process.Kill(); } catch (InvalidOperationException) { } // it exited meanwhile
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }

    /// <summary>One benchmark case as a child holds it: the three computations on its buffers and the check of ours against TA-Lib.</summary>
    private sealed record Case(string Name, Action Ours, Action? TaLib, Action Reference, Check? Check);

    /// <summary>
    /// The child's work: prepares the series and every case, prints its notes and cases and
    /// "ready", then answers one command line at a time until "exit" (or the end of stdin):
    /// "warm c" (two untimed runs of each, "ok"), "round c" (one timed run of each, "times" and
    /// the three thread CPU seconds), "ours c", "talib c", "reference c" (one timed run of that
    /// one, "time" and its seconds), "check c" ("note" and the check, or an empty note).
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
                    for (int w = 0; w < WarmUps; w++) { k.Ours(); k.TaLib?.Invoke(); k.Reference(); }
                    Console.WriteLine("ok");
                    break;
                case "round":
                    double a = Time(k.Ours), b = k.TaLib is null ? double.NaN : Time(k.TaLib), r = Time(k.Reference);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"times\t{a:R}\t{b:R}\t{r:R}"));
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
        var buffers = new AlignedBuffers(BufferValuesPerN * N);
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
