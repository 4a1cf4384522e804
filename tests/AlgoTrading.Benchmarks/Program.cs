using System.Diagnostics;
using AlgoTrading.Benchmarks;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;
using AlgoTrading.Data.Synthetic;
using AlgoTrading.Domain;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Features.Sets;
using AlgoTrading.Time;

// Usage: dotnet run -c Release --project tests/AlgoTrading.Benchmarks -- [all|csv|parquet|processors|indicators|backtest|walkforward|command|broker|models] [--data <shared/data>] [--all-cores] [--processes <n, indicators: 5>] [--by-round | --sequential, indicators: children interleaved round by round, or one after another, instead of run by run] [--runs, indicators: print every timed run] [--baseline <runner dll or executable>, command: alternate with it] [--keep, command: keep its input and outputs] [--rounds <n>, command: runs per runner, default 5]
// "models" (tree training and inference, see ModelBenchmarks) runs only when named: it trains on 1M rows.
var name = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
var dataRoot = args.SkipWhile(a => a != "--data").Skip(1).FirstOrDefault() ?? FindSharedData();
// One core, as the targets are stated per core.
if (!args.Contains("--all-cores") && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())) Process.GetCurrentProcess().ProcessorAffinity = 1;
Console.WriteLine($"AlgoTrading benchmarks on {Environment.ProcessorCount} logical cores (pinned to one except walk-forward), .NET {Environment.Version}, data {dataRoot ?? "(none: synthetic only)"}");

string Market(string relative) => Path.Combine(dataRoot ?? throw new DirectoryNotFoundException("../shared/data not found; pass --data"), "market", relative);
bool Wants(string group) => name == "all" || name == group;

if (name == "models")
{
    ModelBenchmarks.Run(args);
    return;
}

if (Wants("csv") && dataRoot is not null)
{
    foreach (var file in new[] { "forex/oanda/tick/eurusd_tick_quote_201405.csv", "forex/oanda/hour/eurusd_hour_quote.csv" })
    {
        var path = Market(file);
        var format = DelimitedFormats.Normalised(File.ReadLines(path).First());
        Harness.Measure($"csv load {Path.GetFileName(path)}", "rows", () => DelimitedFileLoader.Load(path, format).Series.Count);
    }
}

if (Wants("parquet"))
{
    var temp = Path.Combine(Path.GetTempPath(), $"algotrading-bench-{Environment.ProcessId}");
    Directory.CreateDirectory(temp);
    IMarketSeries ticks = dataRoot is not null
        ? DelimitedFileLoader.Load(Market("forex/oanda/tick/eurusd_tick_quote_201405.csv"), DelimitedFormats.Normalised("time_utc,bid,ask")).Series
        : SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(500_000));
    var bars = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(1_000_000));
    var sets = new List<(string, IMarketSeries)> { ("ticks", ticks), ("synthetic M1 quote bars", bars) };
    if (dataRoot is not null)
        sets.Add(("H1 quote bars (real)", DelimitedFileLoader.Load(Market("forex/oanda/hour/eurusd_hour_quote.csv"), DelimitedFormats.Normalised("time_utc,bid_open,bid_high,bid_low,bid_close,bid_size,ask_open,ask_high,ask_low,ask_close,ask_size")).Series));
    foreach (var (label, series) in sets)
    {
        var path = Path.Combine(temp, $"{label.Replace(' ', '_').Replace("(", "").Replace(")", "")}.parquet");
        ParquetMarketFile.WriteAsync(series, path).GetAwaiter().GetResult();
        Harness.Measure($"parquet read {label}", "rows", () => ParquetMarketFile.ReadAsync(path).GetAwaiter().GetResult().Series.Count);
        Harness.Measure($"parquet write {label}", "rows", () => { ParquetMarketFile.WriteAsync(series, path).GetAwaiter().GetResult(); return series.Count; }, runs: 3);
    }
    Directory.Delete(temp, true);
}

if (Wants("processors"))
{
    var bars = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(1_000_000));
    Harness.Measure("validate M1 quote bars", "rows", () => MarketDataValidator.Validate(bars, new ValidationOptions { Policy = ValidationPolicy.Drop }).Clean.Count, runs: 5);
    Harness.Measure("resample M1 -> H1", "rows", () => { Resampler.Resample(bars, BarPeriod.H1, TradingSession.Forex); return bars.Count; }, runs: 5);
    Harness.Measure("resample M1 -> D1 (NY 17:00)", "rows", () => { Resampler.Resample(bars, BarPeriod.D1, TradingSession.Forex); return bars.Count; }, runs: 5);
    Harness.Measure("gap detection M1", "rows", () => { GapDetector.Detect(bars, TradingSession.Forex); return bars.Count; }, runs: 5);
    Harness.Measure("synthetic generation M1", "rows", () => SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(200_000)).Count, runs: 3);
}

if (name == IndicatorBenchmarks.ChildGroup) { IndicatorBenchmarkChild.Serve(); return; }
if (Wants("indicators"))
{
    // The batch indicators against the reference loops, over separate processes (see IndicatorBenchmarks).
    var processesText = args.SkipWhile(a => a != "--processes").Skip(1).FirstOrDefault() ?? "5";
    if (!int.TryParse(processesText, out int processes) || processes < 1)
    {
        Console.Error.WriteLine($"--processes: '{processesText}' is not a positive whole number");
        Environment.Exit(2);
    }
    if (args.Contains("--sequential") && args.Contains("--by-round"))
    {
        Console.Error.WriteLine("--sequential and --by-round exclude each other");
        Environment.Exit(2);
    }
    var schedule = args.Contains("--sequential") ? IndicatorBenchmarks.Schedule.Sequential : args.Contains("--by-round") ? IndicatorBenchmarks.Schedule.Rounds : IndicatorBenchmarks.Schedule.Runs;
    IndicatorBenchmarks.AcrossProcesses(processes, schedule, printRuns: args.Contains("--runs"));

    // Streaming: the classic set one bar at a time, as live trading will run it.
    var m1 = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(1_000_000));
    var classic = FeatureSetCompiler.Compile("classic", BuiltInFeatureSets.Classic);
    var feed = Enumerable.Range(0, m1.Count).Select(i => FeatureStream.BarOf(m1, PriceSource.Mid, i)).ToArray();
    Harness.Measure("stream classic set (22 columns), per bar", "bars", () =>
    {
        var stream = classic.CreateStream();
        double sink = 0;
        foreach (var bar in feed) sink += stream.Update(bar)[0];
        return sink is double.PositiveInfinity ? 0 : feed.Length;
    }, runs: 5);
    Harness.Measure("batch classic set (22 columns), per bar", "bars", () => classic.Compute(m1).Rows, runs: 5);
}

if (Wants("backtest"))
{
    var eur = AlgoTrading.Domain.TradableInstrument.FromSymbol("EUR_USD") with { TypicalSpreadPips = 1.2 };
    foreach (int n in new[] { 1_000_000, 10_000_000 })
    {
        var m1 = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(n));
        // Quote bars at their real bid and ask: next-bar-open fills pay the spread; equity is marked every bar.
        Harness.Measure($"backtest sma-cross 10/30 on {n / 1_000_000}M M1 bars", "bars", () =>
        {
            var strategy = AlgoTrading.Strategies.StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30", ["mode"] = "longshort" });
            var result = new AlgoTrading.Backtesting.BacktestEngine([new AlgoTrading.Backtesting.BacktestFeed(eur, m1, strategy)]).Run();
            return result.Equity.Length;
        }, runs: n > 1_000_000 ? 3 : 5);
    }
}

if (Wants("walkforward"))
{
    // This one measures scaling, so it gets every core whatever --all-cores says.
    if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = (nint)((1L << Environment.ProcessorCount) - 1);
    var h1 = Resampler.Resample(SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(1_000_000)), BarPeriod.M5, TradingSession.Forex);
    var grid = AlgoTrading.Backtesting.WalkForward.Grid(new Dictionary<string, string[]> { ["fast"] = ["5", "10", "20"], ["slow"] = ["40", "80", "160"] }, new Dictionary<string, string> { ["mode"] = "longshort" });
    var eur = AlgoTrading.Domain.TradableInstrument.FromSymbol("EUR_USD");
    foreach (int cores in Enumerable.Range(1, Environment.ProcessorCount))
        Harness.Measure($"walk-forward 3x3 grid, {cores} core(s)", "bars", () =>
        {
            var layout = new AlgoTrading.Backtesting.WalkForwardOptions { TrainBars = 20_000, TestBars = 10_000, MaxDegreeOfParallelism = cores };
            AlgoTrading.Backtesting.WalkForward.Run(h1, eur, "sma-cross", grid, layout);
            return (long)h1.Count * grid.Count;
        }, runs: 3);
}

if (Wants("command"))
{
    // The whole `algotrading backtest` as a user runs it: a new process each time (start, parse, load,
    // run, write every output), on 1M synthetic M1 quote bars in Parquet, with every core (the outputs
    // are written in parallel). Needs the runner published or built in Release (./algotrading does it).
    if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = (nint)((1L << Environment.ProcessorCount) - 1);
    var repo = FindRepository() ?? throw new DirectoryNotFoundException("run from inside the repository (config/market_config.yaml not found above the current folder)");
    // What ./algotrading runs (its self-contained composite ReadyToRun publish, started through its own
    // executable); else a framework-dependent publish; a plain build only when there is neither.
    var built = Path.Combine(repo, "src", "AlgoTrading.Runner", "bin", "Release", "net10.0", "linux-x64");
    var runner = Path.Combine(repo, "src", "AlgoTrading.Runner", "bin", "algotrading", "AlgoTrading.Runner");
    if (!File.Exists(runner)) runner = Path.Combine(built, "publish", "AlgoTrading.Runner.dll");
    if (!File.Exists(runner)) runner = Path.Combine(built, "AlgoTrading.Runner.dll");
    if (!File.Exists(runner)) throw new FileNotFoundException($"{runner} not built: ./algotrading --help (or dotnet publish src/AlgoTrading.Runner -c Release)");
    Console.WriteLine($"  runner: {runner}");
    // --baseline <another runner's dll>: both runners alternate run by run in the same window, so a shared
    // machine's load changes hit both alike (how before/after figures are taken).
    var baseline = args.SkipWhile(a => a != "--baseline").Skip(1).FirstOrDefault();
    var runners = baseline is null ? new[] { runner } : new[] { baseline, runner };
    if (baseline is not null) Console.WriteLine($"  baseline: {baseline}");
    var temp = Path.Combine(Path.GetTempPath(), $"algotrading-bench-command-{Environment.ProcessId}");
    Directory.CreateDirectory(temp);
    const int Bars = 1_000_000;
    var data = Path.Combine(temp, "eur_usd_m1.parquet");
    ParquetMarketFile.WriteAsync(SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(Bars)), data).GetAwaiter().GetResult();
    var wall = runners.Select(_ => new List<double>()).ToArray();
    var cpu = runners.Select(_ => new List<double>()).ToArray();
    // The load, run and write seconds of --timings, per runner, for their medians.
    var phases = runners.Select(_ => new[] { "load", "run", "write" }.ToDictionary(p => p, _ => new List<double>())).ToArray();
    // --rounds <n>: runs per runner after the first (default 5); alternated runs need a few more on a shared machine.
    int rounds = int.TryParse(args.SkipWhile(a => a != "--rounds").Skip(1).FirstOrDefault(), out var asked) && asked > 0 ? asked : 5;
    for (int i = 0; i <= rounds; i++) // the first run only warms the file cache
        for (int r = 0; r < runners.Length; r++)
        {
            // A dll runs through the dotnet host; an executable (./algotrading's runner) by itself.
            bool dll = runners[r].EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
            var start = new ProcessStartInfo(dll ? "dotnet" : runners[r]) { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (dll ? new[] { runners[r] } : []).Concat(["backtest", "--data", data, "--instrument", "EUR_USD", "--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30",
                         "--param", "mode=longshort", "--out", Path.Combine(temp, $"out{r}"), "--timings"]))
                start.ArgumentList.Add(a);
            var sw = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            sw.Stop();
            if (process.ExitCode != 0) throw new InvalidOperationException($"algotrading backtest failed: {stderr.Result}");
            if (i == 0) continue;
            wall[r].Add(sw.Elapsed.TotalSeconds);
            var timings = stdout.Result.Split('\n').FirstOrDefault(l => l.StartsWith("timings:", StringComparison.Ordinal)) ?? "";
            // On a shared machine the process's own CPU time says more than its wall time.
            var cpuText = System.Text.RegularExpressions.Regex.Match(timings, @"process cpu ([0-9.]+) s");
            if (cpuText.Success) cpu[r].Add(double.Parse(cpuText.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (phase, values) in phases[r])
                if (System.Text.RegularExpressions.Regex.Match(timings, $@"\b{phase} ([0-9.]+) s") is { Success: true } m)
                    values.Add(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Console.WriteLine($"  run {i}{(runners.Length > 1 ? (r == 0 ? " baseline" : " runner  ") : "")}: {sw.Elapsed.TotalSeconds:F3} s wall; {timings}");
        }
    for (int r = 0; r < runners.Length; r++)
    {
        wall[r].Sort();
        cpu[r].Sort();
        string label = runners.Length == 1 ? "algotrading backtest 1M M1 bars" : r == 0 ? "baseline backtest 1M M1 bars" : "runner backtest 1M M1 bars";
        Console.WriteLine($"{label,-34} {Bars,12:N0} bars   median {wall[r][wall[r].Count / 2] * 1000,9:F1} ms  {Bars / wall[r][wall[r].Count / 2] / 1e6,8:F2} Mbars/s  (best {Bars / wall[r][0] / 1e6:F2}), whole process"
            + (cpu[r].Count > 0 ? $"; process CPU median {cpu[r][cpu[r].Count / 2]:F3} s ({cpu[r][0]:F3}-{cpu[r][^1]:F3})" : "")
            + string.Concat(phases[r].Where(p => p.Value.Count > 0).Select(p => $"; {p.Key} median {p.Value.Order().ElementAt(p.Value.Count / 2):F3} s")));
    }
    if (args.Contains("--keep")) Console.WriteLine($"  kept {temp}"); // the input and outputs, to inspect or profile
    else Directory.Delete(temp, true);
}

static string? FindRepository()
{
    for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "config", "market_config.yaml"))) return d.FullName;
    return null;
}
if (Wants("broker")) BrokerLatency.Run(dataRoot);
if (Wants("live")) LiveReplayBenchmark.Run(args.Contains("--synthetic") ? null : dataRoot, FindRepository());

static string? FindSharedData()
{
    for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
    {
        var candidate = Path.Combine(d.FullName, "shared", "data");
        if (Directory.Exists(Path.Combine(candidate, "market"))) return candidate;
    }
    return null;
}
