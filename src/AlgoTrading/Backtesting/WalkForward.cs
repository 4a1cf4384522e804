using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Domain;
using AlgoTrading.Strategies;

namespace AlgoTrading.Backtesting;

/// <summary>Window layout of a walk-forward run, in bars.</summary>
public sealed record WalkForwardOptions
{
    /// <summary>Bars in each training window.</summary>
    public required int TrainBars { get; init; }
    /// <summary>Bars in each test window (also the step between windows).</summary>
    public required int TestBars { get; init; }
    /// <summary>Anchored: every training window starts at the first bar and grows. Rolling (default): fixed length.</summary>
    public bool Anchored { get; init; }
    /// <summary>Bars before a test window replayed without trading so indicators are warm. Default 200.</summary>
    public int WarmUpBars { get; init; } = 200;
    /// <summary>Windows run at once; default one per core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>One window: the parameters that scored best in training and the out-of-sample result with them.</summary>
public sealed record WalkForwardWindow(int Index, DateTime TrainStart, DateTime TrainEnd, DateTime TestStart, DateTime TestEnd,
    IReadOnlyDictionary<string, string> Parameters, double TrainScore, BacktestResult Test);

/// <summary>Per-window results and the stitched out-of-sample equity (each window's returns compounded in order).</summary>
public sealed record WalkForwardResult(IReadOnlyList<WalkForwardWindow> Windows, long[] Time, double[] Equity, PerformanceMetrics Metrics);

/// <summary>
/// Walk-forward optimisation: for each window, every parameter set of the grid is backtested on the
/// training bars and scored (Sharpe by default; NaN scores last); the best is run on the following
/// test bars, which it has never seen. Windows are independent and run in parallel; results are in
/// window order, so a run is deterministic whatever the core count.
/// </summary>
public static class WalkForward
{
    /// <summary>Every combination of the values given per parameter, in a stable order.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Grid(IReadOnlyDictionary<string, string[]> values, IReadOnlyDictionary<string, string>? fixedValues = null)
    {
        IEnumerable<Dictionary<string, string>> sets = [new Dictionary<string, string>(fixedValues ?? new Dictionary<string, string>())];
        foreach (var (key, options) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sets = sets.SelectMany(s => options.Select(v => new Dictionary<string, string>(s) { [key] = v }));
        return sets.ToList();
    }

    /// <summary>Runs the walk-forward of <paramref name="strategy"/> over <paramref name="bars"/>.</summary>
    public static WalkForwardResult Run(BarSeries bars, TradableInstrument instrument, string strategy, IReadOnlyList<Dictionary<string, string>> grid,
        WalkForwardOptions layout, BacktestOptions? options = null, Func<PerformanceMetrics, double>? score = null)
    {
        options ??= new BacktestOptions();
        score ??= m => m.Sharpe;
        if (grid.Count == 0) throw new ArgumentException("the parameter grid is empty");
        var starts = new List<int>();
        for (int testStart = layout.TrainBars; testStart < bars.Count; testStart += layout.TestBars) starts.Add(testStart);
        if (starts.Count == 0) throw new ArgumentException($"{bars.Count} bars leave no test window after {layout.TrainBars} training bars");
        var windows = new WalkForwardWindow[starts.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = layout.MaxDegreeOfParallelism ?? Environment.ProcessorCount };
        Parallel.For(0, starts.Count, parallel, w =>
        {
            int testStart = starts[w], testEnd = Math.Min(bars.Count, testStart + layout.TestBars);
            int trainStart = layout.Anchored ? 0 : testStart - layout.TrainBars;
            var train = Slice(bars, trainStart, testStart);
            Dictionary<string, string>? best = null;
            double bestScore = double.NegativeInfinity;
            foreach (var parameters in grid)
            {
                var result = Backtest(train, instrument, strategy, parameters, options);
                double s = score(result.Metrics());
                if (double.IsNaN(s)) s = double.NegativeInfinity;
                if (best is null || s > bestScore) (best, bestScore) = (parameters, s);
            }
            int warmStart = Math.Max(0, testStart - layout.WarmUpBars);
            var test = Backtest(Slice(bars, warmStart, testEnd), instrument, strategy, best!, options with { TradeFrom = bars.TimeTicks[testStart] });
            windows[w] = new WalkForwardWindow(w, bars.TimeAt(trainStart), bars.TimeAt(testStart - 1), bars.TimeAt(testStart), bars.TimeAt(testEnd - 1), best!, bestScore, test);
        });
        var (time, equity) = Stitch(windows, bars, options.InitialCash);
        var stitched = new BacktestResult
        {
            Trades = windows.SelectMany(w => w.Test.Trades).ToList(), EquityTime = time, Equity = equity, RiskEvents = [],
            Orders = windows.SelectMany(w => w.Test.Orders).ToList(), OpenPositions = new Dictionary<string, double>(), Exposure = windows.Average(w => w.Test.Exposure),
            TradedNotional = windows.Sum(w => w.Test.TradedNotional), Options = options,
        };
        return new WalkForwardResult(windows, time, equity, stitched.Metrics());
    }

    private static BacktestResult Backtest(BarSeries bars, TradableInstrument instrument, string strategy, IReadOnlyDictionary<string, string> parameters, BacktestOptions options) =>
        new BacktestEngine([new BacktestFeed(instrument, bars, StrategyFactory.Create(strategy, parameters))], options).Run();

    // The test windows' equity from their first tradable bar, each rebased to where the previous one ended.
    private static (long[] Time, double[] Equity) Stitch(WalkForwardWindow[] windows, BarSeries bars, double initial)
    {
        var time = new List<long>();
        var equity = new List<double>();
        double level = initial;
        foreach (var w in windows)
        {
            long from = w.TestStart.Ticks;
            double start = double.NaN;
            var testTime = w.Test.EquityTime.Span;
            for (int i = 0; i < w.Test.Equity.Length; i++)
            {
                if (testTime[i] < from) { start = w.Test.Equity[i]; continue; }
                if (double.IsNaN(start)) start = w.Test.Options.InitialCash;
                time.Add(testTime[i]);
                equity.Add(level * w.Test.Equity[i] / start);
            }
            if (equity.Count > 0) level = equity[^1];
        }
        return ([.. time], [.. equity]);
    }

    private static BarSeries Slice(BarSeries bars, int from, int to)
    {
        var b = new BarSeriesBuilder(bars.Kind, to - from);
        for (int i = from; i < to; i++) b.AddFrom(bars, i);
        return b.Build(bars.Instrument, bars.Period);
    }
}
