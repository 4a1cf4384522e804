using System.Diagnostics;
using System.Globalization;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// Batch indicators on 10M synthetic values against TA-Lib C (<see cref="TaLibNative"/>, when
/// tools/talib-reference/build.sh has built it) and the in-process C# loops
/// (<see cref="ReferenceIndicators"/>), over several processes: a figure from one process says
/// little, because code layout, data alignment and JIT decisions are fixed per process. Each child
/// process prepares its buffers and then runs, one line on stdin at a time, what the parent asks:
/// a case's warm-up, one timed run of ours, TA-Lib or the C# loop (thread CPU seconds) or
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
    internal static readonly int N = int.TryParse(Environment.GetEnvironmentVariable("BENCH_N"), out int n) ? n : 10_000_000;

    /// <summary>The argument that makes the benchmark executable an indicator child (<see cref="IndicatorBenchmarkChild.Serve"/>).</summary>
    public const string ChildGroup = "indicators-child";

    private const int Rounds = 7;
    internal const int WarmUps = 2;

    /// <summary>Doubles a child holds per series value: close, high, low, the grid series, ADX's three output columns, TA-Lib's output.</summary>
    internal const int BufferValuesPerN = 8;

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
    // The three computations of a round, in the order each child runs them.
    private static readonly string[] Parts = ["ours", "talib", "reference"];

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
                foreach (var child in order)
                    foreach (var part in Parts) child.Part(c, round, part);
            else
                foreach (var part in Parts)
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
}
