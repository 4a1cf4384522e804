using AlgoTrading.Backtesting;
using AlgoTrading.Configuration;
using AlgoTrading.Data;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Strategies;

using AlgoTrading.Risk;

namespace AlgoTrading.Workflows;

/// <summary>What <c>algotrading backtest</c> asks for.</summary>
public sealed record BacktestRequest
{
    /// <summary>The bar file of the traded instrument.</summary>
    public required string DataFile { get; init; }
    /// <summary>The traded instrument; null guesses it from the file name.</summary>
    public string? Instrument { get; init; }
    /// <summary>Strategy name (see <see cref="StrategyFactory"/>).</summary>
    public required string Strategy { get; init; }
    /// <summary>Strategy parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Price source: null trades quote bars at their bid and ask (trade bars at their price); a value trades that single series.</summary>
    public PriceSource? Price { get; init; }
    /// <summary>Fixed position size when the strategy has no sizing parameter.</summary>
    public double Units { get; init; } = StrategyFactory.DefaultUnits;
    /// <summary>Starting cash in the account currency when none is given.</summary>
    public const double DefaultCash = BacktestOptions.DefaultInitialCash;
    /// <summary>Starting cash in the account currency.</summary>
    public double Cash { get; init; } = DefaultCash;
    /// <summary>Apply spread (single price), commission, slippage and financing from market_config.</summary>
    public bool Costs { get; init; } = true;
    /// <summary>Other instruments' bar files by symbol (for currency conversion).</summary>
    public IReadOnlyDictionary<string, string> Others { get; init; } = new Dictionary<string, string>();
    /// <summary>Slippage per fill in pips.</summary>
    public double SlippagePips { get; init; }
    /// <summary>Slippage per fill as a fraction of ATR(14).</summary>
    public double SlippageAtrFraction { get; init; }
    /// <summary>Which exit fills first when a bar reaches both.</summary>
    public SameBarExitOrder SameBarExits { get; init; } = SameBarExitOrder.WorseFirst;
    /// <summary>Risk limits.</summary>
    public Risk.RiskLimits Risk { get; init; } = new();
    /// <summary>How bad rows in the data files are handled; the default fails on the first one (never trade on a bad row).</summary>
    public ValidationOptions Validation { get; init; } = new();
    /// <summary>Receives the validation report of every data file loaded (to print what drop or repair did).</summary>
    public Action<ValidationReport>? Validated { get; init; }
}

/// <summary>Loads the data, builds the strategy and instruments from configuration, runs, and writes the outputs.</summary>
public static class BacktestWorkflow
{
    /// <summary>
    /// Runs <paramref name="request"/>; when <paramref name="outputDirectory"/> is given, writes trades.csv, equity.csv, metrics.json and run.json there.
    /// <paramref name="timings"/>, when given, receives the seconds spent loading and running. <paramref name="loaded"/>, when
    /// given, is called with the traded bars, their instrument and the run's options after the load and before the engine runs,
    /// so that a caller can start work that needs only the data (the buy-and-hold benchmark) on another core while the
    /// single-threaded engine runs.
    /// </summary>
    public static async Task<(BacktestResult Result, IReadOnlyList<string> Files, BarSeries Bars)> RunAsync(BacktestRequest request, AlgoTradingConfiguration configuration,
        string? outputDirectory = null, CancellationToken cancellationToken = default, BacktestTimings? timings = null,
        Action<BarSeries, TradableInstrument, BacktestOptions>? loaded = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var bars = await LoadAsync(request.DataFile, request.Instrument, request, cancellationToken);
        var market = configuration.Market;
        var instrument = market.InstrumentFor(bars.Instrument);
        var strategy = StrategyFactory.Create(request.Strategy, request.Parameters, request.Units, n => FeatureSetResolver.Resolve(n));
        var feeds = new List<BacktestFeed> { new(instrument, bars, strategy) };
        foreach (var (symbol, file) in request.Others)
            feeds.Add(new BacktestFeed(market.InstrumentFor(symbol), await LoadAsync(file, symbol, request, cancellationToken)));
        var options = Options(request, configuration, instrument, useBidAsk: request.Price is null && bars.Kind != BarKind.Trade, bars.Kind);
        timings?.Load = clock.Elapsed;
        loaded?.Invoke(bars, instrument, options);
        clock.Restart();
        var result = new BacktestEngine(feeds, options).Run();
        timings?.Run = clock.Elapsed;
        IReadOnlyList<string> files = [];
        if (outputDirectory is not null)
            files = BacktestOutputWriter.Write(result, outputDirectory, Settings(request, result.Options, instrument.Symbol), InputFiles(request));
        return (result, files, bars);
    }

    /// <summary>
    /// The account, costs, fills and risk of <paramref name="request"/> for <paramref name="instrument"/>: the one
    /// place they are decided, so that a live run (<see cref="LiveWorkflow"/>) trades with the settings its backtest had.
    /// </summary>
    internal static BacktestOptions Options(BacktestRequest request, AlgoTradingConfiguration configuration, TradableInstrument instrument, bool useBidAsk, BarKind kind = BarKind.Quote)
    {
        var market = configuration.Market;
        return new BacktestOptions
        {
            InitialCash = request.Cash,
            AccountCurrency = configuration.System.Account.Currency,
            Price = request.Price ?? (kind == BarKind.Trade ? PriceSource.Trade : PriceSource.Mid),
            UseBidAsk = useBidAsk,
            ApplyCosts = request.Costs,
            PeriodsPerYear = instrument.IsForex ? 260 : 252,
            SlippagePips = request.SlippagePips,
            SlippageAtrFraction = request.SlippageAtrFraction,
            SameBarExits = request.SameBarExits,
            Risk = request.Risk,
            TradingDay = market.Instruments.ContainsKey(instrument.Symbol) ? market.SessionOf(instrument.Symbol) : null,
        };
    }

    /// <summary>
    /// The run's settings as run.json and the report show them: snake_case keys in this order, the strategy's
    /// parameters as given, the risk limits with null for "no limit". A document of dictionaries (see
    /// <see cref="BacktestOutputWriter.Json"/>), so writing it needs no reflection.
    /// </summary>
    public static object Settings(BacktestRequest request, BacktestOptions options, string instrument) => new Dictionary<string, object?>
    {
        ["strategy"] = request.Strategy, ["parameters"] = request.Parameters, ["instrument"] = instrument, ["price"] = options.Price.ToString().ToLowerInvariant(),
        ["bid_ask"] = options.UseBidAsk, ["costs"] = request.Costs ? "config" : "none", ["units"] = request.Units, ["cash"] = request.Cash,
        ["account_currency"] = options.AccountCurrency, ["periods_per_year"] = options.PeriodsPerYear, ["same_bar_exits"] = options.SameBarExits.ToString(),
        ["slippage_pips"] = options.SlippagePips, ["slippage_atr_fraction"] = options.SlippageAtrFraction,
        ["risk"] = RiskSettings(options.Risk),
    };

    private static Dictionary<string, object?> RiskSettings(RiskLimits r) => new()
    {
        ["max_units"] = r.MaxUnits, ["max_risk_per_trade"] = r.MaxRiskPerTrade, ["max_open_positions"] = r.MaxOpenPositions,
        ["max_daily_loss"] = r.MaxDailyLoss, ["max_drawdown"] = r.MaxDrawdown, ["max_currency_exposure"] = r.MaxCurrencyExposure,
        ["max_gross_leverage"] = r.MaxGrossLeverage, ["max_net_leverage"] = r.MaxNetLeverage, ["min_margin_headroom"] = r.MinMarginHeadroom,
        ["instruments"] = r.Instruments.ToDictionary(p => p.Key, p => (object?)new Dictionary<string, object?> { ["max_units"] = p.Value.MaxUnits, ["max_leverage"] = p.Value.MaxLeverage }),
        ["strategies"] = r.Strategies.ToDictionary(p => p.Key, p => (object?)new Dictionary<string, object?> { ["max_leverage"] = p.Value.MaxLeverage }),
        ["correlation_buckets"] = r.CorrelationBuckets.ToDictionary(p => p.Key, p => (object?)new Dictionary<string, object?>
            { ["instruments"] = p.Value.Instruments, ["max_leverage"] = p.Value.MaxLeverage }),
        ["max_orders_per_window"] = r.MaxOrdersPerWindow, ["order_rate_window_seconds"] = r.OrderRateWindowSeconds,
        ["max_price_age_seconds"] = r.MaxPriceAgeSeconds, ["max_consecutive_rejects"] = r.MaxConsecutiveRejects, ["max_disconnect_seconds"] = r.MaxDisconnectSeconds,
    };

    /// <summary>Every file the run reads: the traded instrument's bars first, then the conversion instruments'.</summary>
    public static IReadOnlyList<string> InputFiles(BacktestRequest request) => [request.DataFile, .. request.Others.Values];

    private static async Task<BarSeries> LoadAsync(string file, string? instrument, BacktestRequest request, CancellationToken cancellationToken)
    {
        var (bars, report) = await ValidatedMarketDataLoader.LoadBarsAsync(file, new MarketDataReadOptions { Instrument = instrument }, request.Validation, cancellationToken);
        request.Validated?.Invoke(report);
        return bars;
    }
}
