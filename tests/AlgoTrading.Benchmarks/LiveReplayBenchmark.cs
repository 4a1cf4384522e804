using System.Diagnostics;
using AlgoTrading.Configuration;
using AlgoTrading.Data.Storage;
using AlgoTrading.Data.Synthetic;
using AlgoTrading.Domain;
using AlgoTrading.Workflows;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// The live runner's figures (issue #14): a week of EUR_USD quotes replayed in process through
/// <c>live --broker paper --replay … --speed max</c> (the CLI's entry, <see cref="LiveWorkflow.RunAsync"/>, journal and
/// state files included) with sma-cross 10/30 long-short on M1; prints the runner's p50/p99 price-to-order
/// latency and the process's memory after the week (working set, peak working set, GC heap before and after a
/// full collection). The week is the shared data's first full FX week of May 2014 (Sunday 21:00 to Friday 21:00
/// UTC) when <c>../shared/data</c> is there and <c>--synthetic</c> is not given, otherwise 7,200 synthetic M1 bars
/// with 60 quotes each (one a second, about twice the real week's 245,000 quotes).
/// Run: <c>dotnet run -c Release --project tests/AlgoTrading.Benchmarks -- live [--synthetic]</c> from inside the repository.
/// </summary>
internal static class LiveReplayBenchmark
{
    /// <summary>Runs it with the configuration of <paramref name="repository"/> (null: not found, an error).</summary>
    public static void Run(string? sharedData, string? repository) => RunAsync(sharedData, repository).GetAwaiter().GetResult();

    private static async Task RunAsync(string? sharedData, string? repository)
    {
        var repo = repository ?? throw new DirectoryNotFoundException("run from inside the repository (config/market_config.yaml not found above the current folder)");
        var temp = Path.Combine(Path.GetTempPath(), $"algotrading-bench-live-{Environment.ProcessId}");
        Directory.CreateDirectory(temp);
        try
        {
            var file = Path.Combine(temp, "eur_usd_week_ticks.csv");
            var source = WriteWeek(sharedData, file);
            GC.Collect(); // the synthetic bars are garbage now: measure the runner
            var configuration = AlgoTradingConfiguration.Load(Path.Combine(repo, "config"));
            var trading = new BacktestCommandLine { DataFile = "", Instrument = "EUR_USD", Strategy = "sma-cross", Parameters = ["fast=10", "slow=30", "mode=longshort"], Policy = "repair" }.ToRequest();
            long gcBefore = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var summary = await LiveWorkflow.RunAsync(new LiveRequest
            {
                Trading = trading, Instruments = ["EUR_USD"], Granularity = BarPeriod.M1, StateDirectory = Path.Combine(temp, "state"), ReplayFiles = [file],
            }, configuration, temp);
            clock.Stop();
            var process = Process.GetCurrentProcess();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            const double Mb = 1024 * 1024;
            long heapNow = GC.GetTotalMemory(false);
            var info = GC.GetGCMemoryInfo();
            long heapAfterCollect = GC.GetTotalMemory(true);
            Console.WriteLine($"live paper replay of a week ({source}): {summary.Prices:N0} quotes, {summary.Bars:N0} M1 bars, {summary.OrdersSubmitted} orders, {summary.Fills} fills; "
                + $"{clock.Elapsed.TotalSeconds:F2} s wall, {cpuSeconds:F2} s CPU, {summary.Prices / clock.Elapsed.TotalSeconds / 1000:F0}k quotes/s; gen-0 GCs {GC.CollectionCount(0) - gcBefore}");
            Console.WriteLine($"  price-to-order latency inside the runner: p50 {summary.LatencyP50Ms:F3} ms, p99 {summary.LatencyP99Ms:F3} ms ({summary.OrdersSubmitted} orders)");
            Console.WriteLine($"  memory after the week: working set {process.WorkingSet64 / Mb:F0} MB (peak {process.PeakWorkingSet64 / Mb:F0} MB), "
                + $"GC heap {heapNow / Mb:F1} MB (heap size {info.HeapSizeBytes / Mb:F1} MB, committed {info.TotalCommittedBytes / Mb:F1} MB), {heapAfterCollect / Mb:F1} MB live after a full collection");
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    // Writes the week's quotes to `file`. The shared month is filtered line by line (its timestamps sort as text),
    // so the process's memory afterwards is the runner's, not a loaded month's.
    private static string WriteWeek(string? sharedData, string file)
    {
        var month = sharedData is null ? null : Path.Combine(sharedData, "market", "forex", "oanda", "tick", "eurusd_tick_quote_201405.csv");
        if (month is not null && File.Exists(month))
        {
            const string From = "2014-05-04 21:00", To = "2014-05-09 21:00";
            File.WriteAllLines(file, File.ReadLines(month).Where((line, i) => i == 0 || (string.CompareOrdinal(line, From) >= 0 && string.CompareOrdinal(line, To) < 0)));
            return $"shared EURUSD ticks {From} to {To} UTC";
        }
        // 5 days x 24 h of M1 bars, each played as 60 quotes a second apart along open, low/high, close.
        var bars = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(7_200));
        int count = bars.Count * 60;
        var time = new long[count];
        double[] bid = new double[count], ask = new double[count];
        for (int i = 0; i < bars.Count; i++)
        {
            var q = bars.QuoteAt(i);
            for (int k = 0; k < 60; k++)
            {
                // Piecewise path open -> low -> high -> close over the minute, so the bar the runner builds is the synthetic bar.
                double f = k / 59.0;
                (double b, double a) = f < 1 / 3.0 ? Lerp(q.Bid.Open, q.Bid.Low, q.Ask.Open, q.Ask.Low, f * 3)
                    : f < 2 / 3.0 ? Lerp(q.Bid.Low, q.Bid.High, q.Ask.Low, q.Ask.High, f * 3 - 1)
                    : Lerp(q.Bid.High, q.Bid.Close, q.Ask.High, q.Ask.Close, f * 3 - 2);
                (time[i * 60 + k], bid[i * 60 + k], ask[i * 60 + k]) = (q.Time.Ticks + k * TimeSpan.TicksPerSecond, b, a);
            }
        }
        NormalisedCsvWriter.Write(new TickSeries("EUR_USD", time, bid, ask, count), file);
        return "synthetic, 60 quotes per M1 bar";
    }

    private static (double Bid, double Ask) Lerp(double b0, double b1, double a0, double a1, double t) => (b0 + (b1 - b0) * t, a0 + (a1 - a0) * t);
}
