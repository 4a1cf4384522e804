using System.CommandLine;
using System.Globalization;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Domain;
using AlgoTrading.Live.Monitoring;
using AlgoTrading.Live.Runner;
using AlgoTrading.Runner.Output;
using AlgoTrading.Workflows;
using Spectre.Console;

namespace AlgoTrading.Runner.Commands;

/// <summary><c>algotrading live …</c> (run the strategy on paper or the practice account) and <c>algotrading live stop --state DIR [--flatten]</c> (the kill switch).</summary>
internal static class LiveCommand
{
    public static Command Build()
    {
        var broker = new Option<string>("--broker") { Description = "paper (the backtest's fill rules on the replayed prices) or oanda (the practice account unless --live is confirmed)", DefaultValueFactory = _ => "paper" };
        var instrument = new Option<string[]>("--instrument") { Description = "Instrument to trade (repeatable), e.g. EUR_USD", Required = true };
        var granularity = new Option<string>("--granularity") { Description = "Bar period decisions are made on: M1, M5, H1…", DefaultValueFactory = _ => "M1" };
        var strategy = new Option<string?>("--strategy") { Description = "Strategy name, as for backtest (or from --config)" };
        var param = new Option<string[]>("--param") { Description = "Strategy parameter key=value (repeatable), as for backtest" };
        var price = new Option<string?>("--price") { Description = "Trade one price series, as backtest --price: bid, ask or mid (default: strategies read mids, fills at bid/ask)" };
        var closeGrace = new Option<string>("--close-grace") { Description = "Live prices: close a bar this long after its period ended even when no quote comes (e.g. 2s)", DefaultValueFactory = _ => "2s" };
        var config = new Option<string?>("--config") { Description = "The backtest's run YAML: strategy, params, units, cash, costs, slippage_pips, same_bar_exits, risk" };
        var units = new Option<double?>("--units") { Description = "Position size in units (default 10000)" };
        var cash = new Option<double?>("--cash") { Description = "Paper account's starting cash (default 100000)" };
        var costs = new Option<string?>("--costs") { Description = "none or config (paper fills)" };
        var state = new Option<string?>("--state") { Description = "State folder: journal.db, orders.csv, trades.csv, equity.csv, summary.json, logs/, KILL (default <paths.data>/live)" };
        var replay = new Option<string[]>("--replay") { Description = "Tick (quote) file to replay as if live, one per --instrument in the same order" };
        var speed = new Option<string>("--speed") { Description = "Replay speed: a multiple of the quotes' own pace, or max", DefaultValueFactory = _ => "max" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long: 90s, 15m, 8h" };
        var until = new Option<string?>("--until") { Description = "Stop at this UTC time (ISO 8601)" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve /metrics and /healthz on 127.0.0.1 at this port (0: any free port)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON summary at exit" };
        var policy = OptionParsing.PolicyOption();
        var command = new Command("live", "Run a strategy unattended: paper on a replayed file, or the OANDA practice account; restart-safe journal in --state")
        {
            broker, instrument, granularity, strategy, param, price, config, units, cash, costs, state, replay, speed, duration, until, metricsPort, json, policy, closeGrace, BrokerCommands.Live,
        };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var instruments = parse.GetValue(instrument) ?? [];
            var trading = new BacktestCommandLine
            {
                DataFile = "", Instrument = instruments.FirstOrDefault(), Price = parse.GetValue(price), Strategy = parse.GetValue(strategy), ConfigFile = parse.GetValue(config),
                Parameters = parse.GetValue(param) ?? [], Units = parse.GetValue(units), Cash = parse.GetValue(cash), Costs = parse.GetValue(costs), Policy = parse.GetValue(policy),
                Validated = report => { if (!report.IsClean) Console.Error.WriteLine(report.ToString()); },
            }.ToRequest();
            bool useBroker = parse.GetValue(broker) switch { "paper" => false, "oanda" => true, var b => throw new ArgumentException($"--broker {b}: expected paper or oanda") };
            var stateDir = context.ResolveArgument(parse.GetValue(state), Path.Combine(context.Configuration.System.Paths.Data, "live"));
            var monitor = new LiveMonitor();
            var request = new LiveRequest
            {
                Trading = trading, Instruments = instruments, Granularity = BarPeriod.Parse(parse.GetValue(granularity)!), UseBroker = useBroker, StateDirectory = stateDir,
                ReplayFiles = parse.GetValue(replay) ?? [], Speed = Speed(parse.GetValue(speed)!), Duration = Duration(parse.GetValue(duration), "--duration"),
                Until = parse.GetValue(until) is { } u ? DateTime.Parse(u, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : null,
                MetricsPort = parse.GetValue(metricsPort), Monitor = monitor, CloseGrace = Duration(parse.GetValue(closeGrace), "--close-grace")!.Value,
            };
            using var runLog = Logging.Create(Path.Combine(stateDir, "logs"), context.Configuration.System.Logging.Level, true, context.Verbose);
            var connection = new BrokerConnection();
            using var client = useBroker ? OandaOperations.Connect(context.Configuration.System.Broker, context.Root, parse.GetValue(BrokerCommands.Live), m => runLog.Debug("broker: {Message}", m), connection.Report) : null;
            var screen = new LiveStatusScreen(AnsiConsole.Console, monitor, LiveStatusScreen.Wanted(parse.GetValue(json)));
            var summary = await screen.RunAsync(() => LiveWorkflow.RunAsync(request, context.Configuration, context.Root, client, client is null ? null : client.CancelOrderByIdAsync,
                line => runLog.Information("{Line}", line), screen.Update, ct, connection));
            runLog.Information("live stopped: {Reason}; {Orders} orders, {Fills} fills, equity {Equity}", summary.StopReason, summary.OrdersSubmitted, summary.Fills, summary.Equity);
            if (parse.GetValue(json)) Console.Out.WriteLine(summary.ToJson());
            else Console.Out.WriteLine($"live stopped ({summary.StopReason}): {summary.Bars:N0} bars, {summary.OrdersSubmitted} orders, {summary.Fills} fills, {summary.Rejects} rejects, equity {summary.Equity:N2}; state in {summary.StateDirectory}");
            return 0;
        }));
        command.Add(Stop());
        return command;
    }

    private static Command Stop()
    {
        var state = new Option<string>("--state") { Description = "The run's state folder", Required = true };
        var flatten = new Option<bool>("--flatten") { Description = "Also close every position (default: cancel pending orders only)" };
        var command = new Command("stop", "Kill switch: the run in --state cancels its pending orders, optionally closes its positions, and stops") { state, flatten };
        command.SetAction(AlgoTradingCli.Run((context, parse, _) =>
        {
            var file = LiveWorkflow.Stop(Path.GetFullPath(parse.GetValue(state)!), parse.GetValue(flatten));
            Console.Out.WriteLine($"kill switch pulled ({file}); the runner stops within a second. Remove the file to let a restarted runner trade again.");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static double Speed(string text) => text.Equals("max", StringComparison.OrdinalIgnoreCase) ? double.PositiveInfinity
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) && s > 0 ? s
        : throw new ArgumentException($"--speed {text}: expected a positive number or max");

    private static TimeSpan? Duration(string? text, string option)
    {
        if (text is null) return null;
        var unit = text[^1];
        if (double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && "smhd".Contains(unit))
            return unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
        throw new ArgumentException($"{option} {text}: expected a number with s, m, h or d (e.g. 90s)");
    }
}
