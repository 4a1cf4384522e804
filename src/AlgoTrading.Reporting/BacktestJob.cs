using System.Diagnostics;
using AlgoTrading.Backtesting;
using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Configuration;
using AlgoTrading.Domain;
using AlgoTrading.Workflows;

namespace AlgoTrading.Reporting;

/// <summary>What one <c>algotrading backtest</c> produced.</summary>
/// <param name="Result">The engine's result.</param>
/// <param name="Metrics">Its performance metrics (computed once, shared by every output).</param>
/// <param name="Bars">The traded instrument's bars as run.</param>
/// <param name="Files">Every file written.</param>
/// <param name="Timings">Load, run and write wall-clock times.</param>
public sealed record BacktestJobResult(BacktestResult Result, PerformanceMetrics Metrics, BarSeries Bars, IReadOnlyList<string> Files, BacktestTimings Timings);

/// <summary>
/// The whole backtest command: load and run (<see cref="BacktestWorkflow"/>), then write trades.csv,
/// equity.csv, metrics.json, run.json and report.html in parallel. While the single-threaded engine runs,
/// one other thread computes the buy-and-hold benchmark, hashes the input files and reads plotly.js;
/// trades.csv and equity.csv start as soon as the run ends, beside the metrics; the report builds its
/// sections in parallel.
/// </summary>
public static class BacktestJob
{
    /// <summary>
    /// Starts reading <paramref name="dataFile"/> (Parquet) before the command has its configuration and request, so that
    /// the read overlaps the start-up; <see cref="RunAsync"/> takes it up (see <see cref="Data.Loaders.MarketDataReader.Prefetch"/>).
    /// </summary>
    public static void Prefetch(string dataFile) => Data.Loaders.MarketDataReader.Prefetch(dataFile);

    /// <summary>
    /// Runs <paramref name="request"/> and writes its outputs into <paramref name="outputDirectory"/>. <paramref name="whileRunning"/>,
    /// when given, is started on another thread as the engine starts (beside the input hashing), for a caller's work that can wait
    /// until then (the command sets its logger up there).
    /// </summary>
    public static async Task<BacktestJobResult> RunAsync(BacktestRequest request, AlgoTradingConfiguration configuration, string outputDirectory,
        EquityOutput equity = EquityOutput.Coarse, CancellationToken cancellationToken = default, Action? whileRunning = null)
    {
        var timings = new BacktestTimings();
        Task<InputFile[]>? inputs = null;
        Task<ReportedRun.Benchmark>? benchmark = null;
        Task? plotlyJs = null;
        var (result, _, bars) = await BacktestWorkflow.RunAsync(request, configuration, null, cancellationToken, timings, loaded: (b, instrument, options) =>
        {
            // The load keeps every core busy (one Parquet reader per core); the engine's run keeps one. The work beside
            // it runs one piece after another on one thread, in the order the write needs it: as four tasks on two cores
            // the scheduler gave the single-threaded engine about half a core until they were done.
            const TaskContinuationOptions Next = TaskContinuationOptions.ExecuteSynchronously;
            benchmark = Task.Run(() => ReportedRun.Benchmark.Of(b, instrument, options), cancellationToken);
            inputs = benchmark.ContinueWith(_ => BacktestWorkflow.InputFiles(request).Select(InputFile.Of).ToArray(), cancellationToken, Next, TaskScheduler.Default);
            plotlyJs = inputs.ContinueWith(_ => PlotlyFigure.PlotlyJs.Length, cancellationToken, Next, TaskScheduler.Default);
            if (whileRunning is not null) plotlyJs.ContinueWith(_ => whileRunning(), cancellationToken, Next, TaskScheduler.Default);
        });

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        // The trades and the equity curve are the engine's as they are: their files need nothing computed after the run.
        var trades = Task.Run(() => (IReadOnlyList<string>)[BacktestOutputWriter.WriteTrades(result.Trades, outputDirectory)], cancellationToken);
        var curve = Task.Run(() => BacktestOutputWriter.WriteEquity(result.EquityTime, result.Equity, result.Options.InitialCash, outputDirectory, equity), cancellationToken);
        var session = configuration.Market.SessionOf(bars.Instrument);
        var run = ReportedRun.From(result, bars, session, benchmark is null
            ? ReportedRun.Benchmark.Of(bars, configuration.Market.InstrumentFor(bars.Instrument), result.Options) : await benchmark);
        var settings = BacktestWorkflow.Settings(request, result.Options, bars.Instrument);
        string title = $"{request.Strategy} on {bars.Instrument}";
        var metrics = Task.Run(() => (IReadOnlyList<string>)[BacktestOutputWriter.WriteMetrics(run.Metrics, outputDirectory)], cancellationToken);
        var hashed = await (inputs ?? Task.Run(() => BacktestWorkflow.InputFiles(request).Select(InputFile.Of).ToArray(), cancellationToken));
        var runFile = Task.Run(() => (IReadOnlyList<string>)[BacktestOutputWriter.WriteRun(outputDirectory, settings, hashed)], cancellationToken);
        if (plotlyJs is not null) await plotlyJs;
        string report = BacktestReport.Write(run, title, settings, hashed, Path.Combine(outputDirectory, "report.html"));
        var files = (await Task.WhenAll(trades, curve, metrics, runFile)).SelectMany(f => f).Append(report).ToArray();
        timings.Write = clock.Elapsed;
        return new BacktestJobResult(result, run.Metrics, bars, files, timings);
    }
}
