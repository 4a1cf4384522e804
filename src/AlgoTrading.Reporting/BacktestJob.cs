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
/// equity.csv, metrics.json, run.json and report.html in parallel. While the data loads, the input files
/// are hashed on another thread.
/// </summary>
public static class BacktestJob
{
    /// <summary>Runs <paramref name="request"/> and writes its outputs into <paramref name="outputDirectory"/>.</summary>
    public static async Task<BacktestJobResult> RunAsync(BacktestRequest request, AlgoTradingConfiguration configuration, string outputDirectory,
        EquityOutput equity = EquityOutput.Coarse, CancellationToken cancellationToken = default)
    {
        var timings = new BacktestTimings();
        var inputs = Task.Run(() => BacktestWorkflow.InputFiles(request).Select(InputFile.Of).ToArray(), cancellationToken);
        var (result, _, bars) = await BacktestWorkflow.RunAsync(request, configuration, null, cancellationToken, timings);

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outputDirectory);
        var run = ReportedRun.From(result, bars, configuration.Market.InstrumentFor(bars.Instrument), configuration.Market.SessionOf(bars.Instrument));
        var settings = BacktestWorkflow.Settings(request, result.Options, bars.Instrument);
        string title = $"{request.Strategy} on {bars.Instrument}";
        var writes = new[]
        {
            Task.Run(() => (IReadOnlyList<string>)[BacktestOutputWriter.WriteTrades(run.Trades, outputDirectory)], cancellationToken),
            Task.Run(() => BacktestOutputWriter.WriteEquity(run.Time, run.Equity, run.InitialCash, outputDirectory, equity), cancellationToken),
            Task.Run(() => (IReadOnlyList<string>)[BacktestOutputWriter.WriteMetrics(run.Metrics, outputDirectory)], cancellationToken),
            inputs.ContinueWith(i => (IReadOnlyList<string>)[BacktestOutputWriter.WriteRun(outputDirectory, settings, i.Result)], cancellationToken,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default),
            inputs.ContinueWith(i => (IReadOnlyList<string>)[BacktestReport.Write(run, title, settings, i.Result, Path.Combine(outputDirectory, "report.html"))], cancellationToken,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default),
        };
        await inputs; // surfaces a missing or unreadable input file as itself
        var files = (await Task.WhenAll(writes)).SelectMany(f => f).ToArray();
        timings.Write = clock.Elapsed;
        return new BacktestJobResult(result, run.Metrics, bars, files, timings);
    }
}
