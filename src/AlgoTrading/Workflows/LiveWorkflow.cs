using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using AlgoTrading.Backtesting;
using AlgoTrading.Configuration;
using AlgoTrading.Data;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Live.Alerts;
using AlgoTrading.Live.Monitoring;
using AlgoTrading.Live.Runner;
using AlgoTrading.Live.State;
using AlgoTrading.Strategies;

namespace AlgoTrading.Workflows;

/// <summary>What <c>algotrading live</c> asks for.</summary>
public sealed record LiveRequest
{
    /// <summary>The strategy, its parameters, units, cash, costs, slippage and risk limits: the same settings (and <c>--config run.yaml</c>) as <c>backtest</c>; its data file is not read.</summary>
    public required BacktestRequest Trading { get; init; }
    /// <summary>The traded instruments (one strategy object each).</summary>
    public required IReadOnlyList<string> Instruments { get; init; }
    /// <summary>The bar period decisions are made on.</summary>
    public BarPeriod Granularity { get; init; } = BarPeriod.M1;
    /// <summary>True trades on the broker (<see cref="LiveWorkflow.RunAsync"/> is given it); false on paper.</summary>
    public bool UseBroker { get; init; }
    /// <summary>The state folder (journal, orders.csv, trades.csv, equity.csv, logs, KILL).</summary>
    public required string StateDirectory { get; init; }
    /// <summary>Tick (quote) files to replay instead of a live stream, one per instrument in the same order.</summary>
    public IReadOnlyList<string> ReplayFiles { get; init; } = [];
    /// <summary>Replay speed: quotes are played at this multiple of their own pace; infinity plays them as fast as they are taken.</summary>
    public double Speed { get; init; } = double.PositiveInfinity;
    /// <summary>Stop after this long (wall clock).</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Stop at this time (UTC).</summary>
    public DateTime? Until { get; init; }
    /// <summary>Serve /metrics and /healthz on 127.0.0.1 at this port (0: any free port); null: no server.</summary>
    public int? MetricsPort { get; init; }
    /// <summary>The run's metrics, health and status source (a status screen reads it); null: the run makes its own.</summary>
    public LiveMonitor? Monitor { get; init; }
    /// <summary>Live prices: a bar closes this long after its period ended even when no later quote comes (a quiet market). Replays close bars on their quotes only.</summary>
    public TimeSpan CloseGrace { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>What a live run did: the <c>--json</c> summary (snake_case) and the run's orders and trades.</summary>
public sealed record LiveSummary
{
    /// <summary>Orders sent (each client id once).</summary>
    public required int OrdersSubmitted { get; init; }
    /// <summary>Fills received.</summary>
    public required int Fills { get; init; }
    /// <summary>Orders refused by the broker or the client.</summary>
    public required int Rejects { get; init; }
    /// <summary>Broker stream reconnections.</summary>
    public required int Reconnects { get; init; }
    /// <summary>Signed units per instrument at the end, e.g. <c>{"EUR_USD": -1000}</c>.</summary>
    public required IReadOnlyDictionary<string, double> Positions { get; init; }
    /// <summary>Equity at the end, account currency.</summary>
    public required double Equity { get; init; }
    /// <summary>Why the run stopped.</summary>
    public required string StopReason { get; init; }
    /// <summary>Quotes taken in.</summary>
    public required long Prices { get; init; }
    /// <summary>Time steps (closed bars) run.</summary>
    public required long Bars { get; init; }
    /// <summary>Median price-to-order latency inside the runner, milliseconds (null: no order).</summary>
    public required double? LatencyP50Ms { get; init; }
    /// <summary>99th percentile price-to-order latency, milliseconds (null: no order).</summary>
    public required double? LatencyP99Ms { get; init; }
    /// <summary>Reconciliation mismatches and the rule applied to each.</summary>
    public required IReadOnlyList<string> Mismatches { get; init; }
    /// <summary>The state folder.</summary>
    public required string StateDirectory { get; init; }
    /// <summary>The port metrics were served on, if any.</summary>
    public int? MetricsPort { get; init; }
    /// <summary>Every order of the run, in creation order.</summary>
    [JsonIgnore] public IReadOnlyList<OrderRecord> Orders { get; init; } = [];
    /// <summary>Closed trades of the run.</summary>
    [JsonIgnore] public IReadOnlyList<TradeRecord> Trades { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    /// <summary>The summary as one JSON object.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>
/// The live runner's entry: builds the same strategy, instruments, costs and risk a backtest would from
/// the configuration and arguments, runs a <see cref="LiveSession"/> (paper, or the given broker; a
/// replayed file or the broker's price stream), and writes the state folder's files: <c>orders.csv</c>,
/// <c>trades.csv</c> and <c>equity.csv</c> (the backtest's writers and columns), <c>summary.json</c>.
/// </summary>
public static class LiveWorkflow
{
    /// <summary>Runs <paramref name="request"/>.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="configuration">Markets (instruments, sessions, costs) and the account currency.</param>
    /// <param name="projectRoot">Where <c>.env</c> is (alert secrets).</param>
    /// <param name="broker">The broker when <see cref="LiveRequest.UseBroker"/>; otherwise ignored.</param>
    /// <param name="cancelById">Cancels a broker order by the broker's id (for unknown pending orders at reconciliation).</param>
    /// <param name="log">Log lines (never secrets).</param>
    /// <param name="status">Called after every step on the runner's loop (a console status).</param>
    /// <param name="cancellationToken">SIGINT/SIGTERM: the current step finishes, then the run stops.</param>
    /// <param name="connection">The broker client's stream connection reports (drops feed the disconnection breaker, reconnects are reconciled); null: none.</param>
    public static async Task<LiveSummary> RunAsync(LiveRequest request, AlgoTradingConfiguration configuration, string projectRoot, IBroker? broker = null,
        Func<string, CancellationToken, Task>? cancelById = null, Action<string>? log = null, Action<LiveSession>? status = null, CancellationToken cancellationToken = default,
        BrokerConnection? connection = null)
    {
        if (request.Instruments.Count == 0) throw new ArgumentException("--instrument: give at least one instrument");
        if (request.UseBroker && broker is null) throw new ArgumentException("--broker oanda: no broker client");
        if (request.ReplayFiles.Count > 0 && request.ReplayFiles.Count != request.Instruments.Count)
            throw new ArgumentException($"--replay: {request.ReplayFiles.Count} files for {request.Instruments.Count} instruments; give one per --instrument, in the same order");
        if (!request.UseBroker && request.ReplayFiles.Count == 0) throw new ArgumentException("--broker paper needs --replay FILE (the paper broker has no live prices of its own)");
        var market = configuration.Market;
        var trading = request.Trading;
        var instruments = request.Instruments.Select(market.InstrumentFor).ToList();
        var sessions = instruments.Select(i => market.Instruments.ContainsKey(i.Symbol) ? market.SessionOf(i.Symbol) : Time.TradingSession.Forex).ToList();
        var strategies = instruments.Select(_ => (IStrategy?)StrategyFactory.Create(trading.Strategy, trading.Parameters, trading.Units, n => FeatureSetResolver.Resolve(n))).ToList();
        var options = BacktestWorkflow.Options(trading, configuration, instruments[0], useBidAsk: trading.Price is null); // --price as backtest: one series, or bid/ask
        var state = new LiveStateFolder(request.StateDirectory);

        var replay = new List<TickSeries>();
        for (int i = 0; i < request.ReplayFiles.Count; i++)
        {
            var loaded = await ValidatedMarketDataLoader.LoadAsync(request.ReplayFiles[i], new MarketDataReadOptions { Instrument = instruments[i].Symbol }, trading.Validation, cancellationToken);
            trading.Validated?.Invoke(loaded.Report);
            replay.Add(loaded.Clean as TickSeries ?? throw new ArgumentException($"--replay {request.ReplayFiles[i]}: a tick (quote) file is needed, not {loaded.Clean.Period} bars"));
        }

        var monitor = request.Monitor ?? new LiveMonitor();
        var metrics = monitor.Metrics;
        await using var server = request.MetricsPort is { } port ? MonitoringServer.Start(port, metrics, monitor.Health) : null;
        await using var alerts = new AlertDispatcher(AlertSinks(projectRoot), new AlertOptions(), onError: log);
        monitor.Listen(alerts);
        ReplayPriceSource? source = replay.Count > 0 ? new ReplayPriceSource(replay, request.Speed) : null;
        var stopAt = request.Duration is { } d ? (DateTime.UtcNow + d, "duration") : request.Until is { } u ? (u, "until") : ((DateTime, string)?)null;
        var setup = new LiveSessionSetup
        {
            Instruments = instruments, Sessions = sessions, Strategies = strategies, Period = request.Granularity,
            Core = options.Core(), Simulation = options.Simulation(), State = state, Broker = request.UseBroker ? broker : null, CancelById = cancelById,
            Replay = source is not null, StopAt = stopAt, Metrics = metrics, Monitor = monitor, Alerts = alerts, Log = log, AfterStep = status,
            Price = trading.Price, CloseGrace = request.CloseGrace, Connection = request.UseBroker ? connection : null,
            ResumingAfter = source is null ? null : last => source.PlayUnpacedUntil = last,
        };
        var prices = source is not null ? source.ReadAsync(cancellationToken) : Stream(broker!, instruments, cancellationToken);
        return await RunSessionAsync(setup, prices, cancellationToken) with { MetricsPort = server?.Port };
    }

    /// <summary>Runs one session over <paramref name="prices"/> and writes the state folder's files (the demo's paper step runs this too).</summary>
    internal static async Task<LiveSummary> RunSessionAsync(LiveSessionSetup setup, IAsyncEnumerable<LivePrice> prices, CancellationToken cancellationToken)
    {
        var state = setup.State;
        await using var session = new LiveSession(setup);
        var loop = await session.RunAsync(prices, cancellationToken);
        var core = session.Core;
        BacktestOutputWriter.WriteTrades(core.Portfolio.Trades, state.Directory);
        BacktestOutputWriter.WriteEquity(loop.EquityTime.ToArray(), [.. loop.Equity], core.Portfolio.InitialCash, state.Directory, EquityOutput.FullCsv);
        session.Journal.WriteOrdersCsv(Path.Combine(state.Directory, "orders.csv"));
        double? Ms(double q) => loop.LatencyQuantile(q) is var s && double.IsFinite(s) ? s * 1000 : null;
        var summary = new LiveSummary
        {
            OrdersSubmitted = session.Client.Submitted, Fills = session.Client.Fills, Rejects = session.Client.Rejects, Reconnects = session.Reconnects,
            Positions = core.Portfolio.Positions, Equity = core.Portfolio.Equity, StopReason = loop.StopReason, Prices = loop.Prices, Bars = loop.Steps,
            LatencyP50Ms = Ms(0.5), LatencyP99Ms = Ms(0.99), Mismatches = session.Mismatches, StateDirectory = state.Directory,
            Orders = [.. core.Orders], Trades = [.. core.Portfolio.Trades],
        };
        File.WriteAllText(state.Summary, summary.ToJson());
        return summary;
    }

    /// <summary>Pulls the kill switch of the run in <paramref name="stateDirectory"/> (<c>algotrading live stop</c>).</summary>
    /// <exception cref="DirectoryNotFoundException">The folder has no journal: nothing runs there.</exception>
    public static string Stop(string stateDirectory, bool flatten)
    {
        if (!File.Exists(Path.Combine(stateDirectory, "journal.db"))) throw new DirectoryNotFoundException($"--state {stateDirectory}: no live run's journal there");
        var folder = new LiveStateFolder(stateDirectory);
        KillSwitch.Pull(folder, flatten);
        return folder.KillFile;
    }

    // The broker's price stream as the runner's quotes (slot = the instrument's position).
    private static async IAsyncEnumerable<LivePrice> Stream(IBroker broker, IReadOnlyList<TradableInstrument> instruments, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var slots = instruments.Select((i, n) => (i.Symbol, n)).ToDictionary(p => p.Symbol, p => p.n, StringComparer.Ordinal);
        await foreach (var p in broker.StreamPricesAsync([.. slots.Keys], cancellationToken).ConfigureAwait(false))
            if (slots.TryGetValue(p.Instrument, out int slot))
                yield return new LivePrice(slot, p.TimeUtc.Ticks, (double)p.Bid, (double)p.Ask, p.Tradeable);
    }

    // Sinks from .env: a JSON webhook (ALERT_WEBHOOK_URL) and Telegram (TELEGRAM_BOT_TOKEN, TELEGRAM_CHAT_ID, optional TELEGRAM_API_URL).
    private static IEnumerable<IAlertSink> AlertSinks(string projectRoot)
    {
        var env = DotEnvFile.Load(Path.Combine(projectRoot, ".env"));
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        if (env.Get("ALERT_WEBHOOK_URL") is { IsEmpty: false } hook) yield return new WebhookAlertSink(http, new Uri(hook.Reveal()));
        if (env.Get("TELEGRAM_BOT_TOKEN") is { IsEmpty: false } token && env.Get("TELEGRAM_CHAT_ID") is { IsEmpty: false } chat)
            yield return new TelegramAlertSink(token, chat, http, env.Get("TELEGRAM_API_URL")?.Reveal());
    }
}
