using AlgoTrading.Configuration;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;
using AlgoTrading.Data.Synthetic;
using AlgoTrading.Data;
using AlgoTrading.Domain;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Features.Sets;
using AlgoTrading.Features.Validation;
using AlgoTrading.Time;

namespace AlgoTrading.Workflows;

/// <summary>What the demo did for one synthetic instrument.</summary>
public sealed record DemoInstrumentSummary
{
    /// <summary>Symbol (the data is SYNTHETIC).</summary>
    public required string Instrument { get; init; }
    /// <summary>M1 bars generated.</summary>
    public required int Bars { get; init; }
    /// <summary>First bar start (UTC).</summary>
    public required DateTime First { get; init; }
    /// <summary>Last bar start (UTC).</summary>
    public required DateTime Last { get; init; }
    /// <summary>Validation outcome.</summary>
    public required ValidationReport Validation { get; init; }
    /// <summary>Gaps inside open sessions (a correct generator has none).</summary>
    public required int Gaps { get; init; }
    /// <summary>H1 bars after resampling.</summary>
    public required int HourBars { get; init; }
    /// <summary>D1 bars after resampling.</summary>
    public required int DayBars { get; init; }
    /// <summary>Median close spread in pips over all bars.</summary>
    public required double MedianSpreadPips { get; init; }
    /// <summary>Median close spread in pips in the half hour around the trading-day end.</summary>
    public required double RolloverSpreadPips { get; init; }
    /// <summary>Rows and columns of the classic feature set computed on the H1 bars.</summary>
    public required (int Rows, int Columns) Features { get; init; }
    /// <summary>The look-ahead probe's finding on those features (null: none).</summary>
    public required string? LookAhead { get; init; }
    /// <summary>The sma-cross backtest with costs on the H1 bars (its files are in <see cref="Outputs"/>).</summary>
    public required Backtesting.BacktestResult Backtest { get; init; }
    /// <summary>The H1 bars the backtest ran on (for the report).</summary>
    public required BarSeries HourSeries { get; init; }
    /// <summary>Where the backtest's files went.</summary>
    public required string BacktestDirectory { get; init; }
    /// <summary>Files written.</summary>
    public required IReadOnlyList<string> Outputs { get; init; }
    /// <summary>The model step (forex only, when a tree model kind is registered), or null.</summary>
    public DemoModelStep? Model { get; init; }
}

/// <summary>The demo's model step: purged cross-validation of a small LightGBM and a walk-forward backtest that retrains it.</summary>
/// <param name="Label">The label trained on.</param>
/// <param name="OutOfSampleAuc">AUC of every out-of-sample prediction of the purged 3-fold cross-validation.</param>
/// <param name="Backtest">The model-walk-forward backtest with costs.</param>
public sealed record DemoModelStep(string Label, double OutOfSampleAuc, Backtesting.BacktestResult Backtest);

/// <summary>The demo's result.</summary>
/// <param name="OutputDirectory">Where everything went.</param>
/// <param name="Instruments">One summary per instrument.</param>
public sealed record DemoResult(string OutputDirectory, IReadOnlyList<DemoInstrumentSummary> Instruments)
{
    /// <summary>The paper-trading replay of synthetic EUR_USD ticks through the live runner (its state folder is <see cref="LiveSummary.StateDirectory"/>).</summary>
    public LiveSummary? Paper { get; init; }
}

/// <summary>
/// The out-of-the-box job, with no network and no data files: generate SYNTHETIC M1 bid/ask bars
/// for EUR_USD and SPX500_USD, validate them, check for gaps, resample to H1 and D1, write CSV and
/// Parquet and import into a Parquet store under the output folder, then compute the classic
/// feature set on H1, run the look-ahead probe on it, and backtest sma-cross (10/30, long-short,
/// costs from market_config) on H1 with its output files, and finally paper-trades a replay of synthetic
/// EUR_USD ticks through the live runner (journal and outputs in <c>live_eur_usd/</c>). The command line adds the HTML report
/// (the reporting project is not a dependency of the core). Later layers extend this job rather
/// than adding entry points.
/// </summary>
public static class DemoWorkflow
{
    /// <summary>Runs the demo into <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">Created if needed; previous demo output is overwritten.</param>
    /// <param name="markets">Sessions and instruments (the index session comes from here).</param>
    /// <param name="bars">M1 bars per instrument.</param>
    /// <param name="progress">Receives (step description, fraction done).</param>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    public static async Task<DemoResult> RunAsync(string outputDirectory, MarketOptions markets, int bars = 100_000,
        IProgress<(string Step, double Fraction)>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputDirectory);
        var store = new MarketDataStore(Path.Combine(outputDirectory, "storage"));
        var specs = new[]
        {
            (Options: SyntheticMarketOptions.EurUsd(bars), Market: "forex", Session: markets.Sessions.ContainsKey("fx") ? markets.Session("fx") : TradingSession.Forex),
            (Options: SyntheticMarketOptions.Spx500(markets.SessionOf("SPX500_USD"), bars), Market: "indices", Session: markets.SessionOf("SPX500_USD")),
        };
        var summaries = new List<DemoInstrumentSummary>();
        BarSeries? paperBars = null;
        int stepCount = specs.Length * 6, step = 0;
        foreach (var (options, market, session) in specs)
        {
            var symbol = options.Instrument;
            var stem = Path.Combine(outputDirectory, $"synthetic_{symbol.ToLowerInvariant()}");
            progress?.Report(($"{symbol}: generating {bars:N0} synthetic M1 bars", step++ / (double)stepCount));
            var m1 = SyntheticMarketGenerator.Generate(options);
            cancellationToken.ThrowIfCancellationRequested();

            progress?.Report(($"{symbol}: validating and checking gaps", step++ / (double)stepCount));
            var (clean, report) = MarketDataValidator.Validate(m1, new ValidationOptions { Policy = ValidationPolicy.Repair }, $"synthetic {symbol}");
            var gaps = GapDetector.Detect(clean, session);
            if (symbol == "EUR_USD") paperBars = clean;

            progress?.Report(($"{symbol}: resampling to H1 and D1", step++ / (double)stepCount));
            var h1 = Resampler.Resample(clean, BarPeriod.H1, session);
            var d1 = Resampler.Resample(clean, BarPeriod.D1, session);

            progress?.Report(($"{symbol}: writing CSV, Parquet and the store", step++ / (double)stepCount));
            var outputs = new List<string> { $"{stem}_m1.parquet", $"{stem}_h1.csv", $"{stem}_d1.csv" };
            await ParquetMarketFile.WriteAsync(clean, outputs[0], cancellationToken);
            NormalisedCsvWriter.Write(h1, outputs[1]);
            NormalisedCsvWriter.Write(d1, outputs[2]);
            foreach (var series in new[] { clean, h1, d1 })
                outputs.AddRange((await store.ImportAsync(market, series, cancellationToken)).Files);

            progress?.Report(($"{symbol}: classic features on H1 and the look-ahead probe", step++ / (double)stepCount));
            var classic = FeatureSetCompiler.Compile("classic", BuiltInFeatureSets.Classic, new IndicatorContext(session));
            var features = classic.Compute(h1);
            outputs.Add($"{stem}_h1_classic_features.csv");
            FeatureMatrixWriter.WriteCsv(features, outputs[^1]);
            var lookAhead = LookAheadProbe.Check(classic.Compute, h1);

            progress?.Report(($"{symbol}: sma-cross backtest with costs on H1", step++ / (double)stepCount));
            var instrument = markets.InstrumentFor(symbol);
            var strategy = Strategies.StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30", ["mode"] = "longshort" },
                instrument.IsForex ? 10_000 : 1);
            var backtestOptions = new Backtesting.BacktestOptions { PeriodsPerYear = instrument.IsForex ? 260 : 252 };
            var backtest = new Backtesting.BacktestEngine([new Backtesting.BacktestFeed(instrument, h1, strategy)], backtestOptions).Run();
            var backtestDir = Path.Combine(outputDirectory, $"backtest_{symbol.ToLowerInvariant()}");
            outputs.AddRange(Backtesting.BacktestOutputWriter.Write(backtest, backtestDir,
                new { strategy = "sma-cross", parameters = new { fast = 10, slow = 30, mode = "longshort" }, instrument = symbol, data = "synthetic H1", costs = "config" }, []));

            var model = instrument.IsForex ? ModelStep(features, h1, instrument, backtestOptions) : null;
            var (median, rollover) = SpreadStatistics(clean, session, options.PipSize);
            summaries.Add(new DemoInstrumentSummary
            {
                Instrument = symbol, Bars = clean.Count, First = clean.TimeAt(0), Last = clean.TimeAt(clean.Count - 1),
                Validation = report, Gaps = gaps.Count, HourBars = h1.Count, DayBars = d1.Count,
                MedianSpreadPips = median, RolloverSpreadPips = rollover, Outputs = outputs,
                Features = (features.Rows, features.Columns.Count), LookAhead = lookAhead?.ToString(),
                Backtest = backtest, HourSeries = h1, BacktestDirectory = backtestDir, Model = model,
            });
        }
        progress?.Report(("EUR_USD: paper trading a replay of synthetic ticks through the live runner", 0.99));
        var paper = await PaperStepAsync(outputDirectory, markets, paperBars!, cancellationToken);
        progress?.Report(("done", 1.0));
        return new DemoResult(Path.GetFullPath(outputDirectory), summaries) { Paper = paper };
    }

    /// <summary>
    /// The last step: the last 1,000 synthetic EUR_USD M1 bars become quotes (each bar's open, its high and low
    /// in the order the bar moved, and its close, 15 seconds apart), written to <c>synthetic_eur_usd_ticks.csv</c>
    /// and replayed through the live runner with the paper broker: sma-cross 10/30 long-short on M1 bars the
    /// runner builds from those quotes, journal and outputs in <c>live_eur_usd/</c> (cleared first).
    /// </summary>
    private static async Task<LiveSummary> PaperStepAsync(string outputDirectory, MarketOptions markets, BarSeries m1, CancellationToken cancellationToken)
    {
        int from = Math.Max(0, m1.Count - 1000), n = m1.Count - from;
        var time = new long[n * 4];
        double[] bid = new double[n * 4], ask = new double[n * 4];
        for (int i = 0; i < n; i++)
        {
            var q = m1.QuoteAt(from + i);
            bool upFirst = q.Bid.Close < q.Bid.Open; // a bar that closed lower went up first
            double[] bids = upFirst ? [q.Bid.Open, q.Bid.High, q.Bid.Low, q.Bid.Close] : [q.Bid.Open, q.Bid.Low, q.Bid.High, q.Bid.Close];
            double[] asks = upFirst ? [q.Ask.Open, q.Ask.High, q.Ask.Low, q.Ask.Close] : [q.Ask.Open, q.Ask.Low, q.Ask.High, q.Ask.Close];
            for (int k = 0; k < 4; k++) (time[4 * i + k], bid[4 * i + k], ask[4 * i + k]) = (q.Time.Ticks + k * 15 * TimeSpan.TicksPerSecond, bids[k], asks[k]);
        }
        var ticks = new TickSeries("EUR_USD", time, bid, ask, n * 4);
        NormalisedCsvWriter.Write(ticks, Path.Combine(outputDirectory, "synthetic_eur_usd_ticks.csv"));
        var stateDirectory = Path.Combine(outputDirectory, "live_eur_usd");
        if (Directory.Exists(stateDirectory)) Directory.Delete(stateDirectory, recursive: true);
        var instrument = markets.InstrumentFor("EUR_USD");
        var session = markets.Sessions.ContainsKey("fx") ? markets.Session("fx") : TradingSession.Forex;
        var strategy = Strategies.StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30", ["mode"] = "longshort" }, 10_000);
        var options = new Backtesting.BacktestOptions { TradingDay = session };
        var setup = new Live.Runner.LiveSessionSetup
        {
            Instruments = [instrument], Sessions = [session], Strategies = [strategy], Period = BarPeriod.M1, Core = options.Core(), Simulation = options.Simulation(),
            State = new Live.State.LiveStateFolder(stateDirectory), Replay = true,
        };
        return await LiveWorkflow.RunSessionAsync(setup, new Live.Runner.ReplayPriceSource([ticks], double.PositiveInfinity).ReadAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A small LightGBM (30 trees) on the classic features and a 6-bar direction label: purged 3-fold
    /// cross-validation, then a backtest of the model retrained every quarter of the data after training on the first half. Skipped (null) when no
    /// lightgbm kind is registered (the core does not reference the native package).
    /// </summary>
    private static DemoModelStep? ModelStep(Features.Sets.FeatureMatrix features, BarSeries h1, TradableInstrument instrument, Backtesting.BacktestOptions options)
    {
        if (!Models.ModelKinds.Registered.Contains("lightgbm")) return null;
        var label = Features.Labels.LabelSpec.Parse("direction:horizon=6");
        var data = Models.LabeledData.Create(features, label.Compute(h1, PriceSource.Mid));
        var parameters = new Dictionary<string, string> { ["trees"] = "30", ["threads"] = "1" };
        var folds = Models.Validation.PurgedSplits.Create(Models.Validation.SplitKind.PurgedKFold, data.Set.Features.Time, data.LabelEnd, 3, label.Horizon);
        var cv = Models.Validation.CrossValidation.Run(() => Models.ModelKinds.Get("lightgbm").Create(Models.ModelTask.BinaryClassification, parameters, label.Definition),
            data, folds, Models.ModelTask.BinaryClassification);
        int train = Math.Max(200, data.Rows / 2), step = Math.Max(100, data.Rows / 4);
        var strategy = Strategies.StrategyFactory.Create("model-walk-forward", new Dictionary<string, string>
        {
            ["label"] = label.Definition, ["train"] = $"{train}", ["step"] = $"{step}", ["p.trees"] = "30", ["p.threads"] = "1", ["mode"] = "longshort",
            ["long"] = "0.52", ["short"] = "0.48",
        }, 10_000);
        var backtest = new Backtesting.BacktestEngine([new Backtesting.BacktestFeed(instrument, h1, strategy)], options).Run();
        return new DemoModelStep(label.Definition, cv.Overall["auc"], backtest);
    }

    private static (double Median, double Rollover) SpreadStatistics(BarSeries bars, TradingSession session, double pipSize)
    {
        var clock = new ZoneClock(session.Zone);
        var all = new List<double>(bars.Count);
        var nearRollover = new List<double>();
        long dayEnd = session.DayEnd.Ticks;
        for (int i = 0; i < bars.Count; i++)
        {
            double spread = (bars.Ask!.Close[i] - bars.Bid!.Close[i]) / pipSize;
            all.Add(spread);
            long inDay = clock.ToLocal(bars.TimeTicks[i]) % TimeSpan.TicksPerDay;
            long distance = Math.Abs(inDay - dayEnd);
            if (Math.Min(distance, TimeSpan.TicksPerDay - distance) <= 30 * TimeSpan.TicksPerMinute) nearRollover.Add(spread);
        }
        return (Median(all), Median(nearRollover));
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        values.Sort();
        return values[values.Count / 2];
    }
}
