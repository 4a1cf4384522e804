using System.CommandLine;
using AlgoTrading.Backtesting;
using AlgoTrading.Configuration;
using AlgoTrading.Domain;
using AlgoTrading.Reporting;
using AlgoTrading.Workflows;

namespace AlgoTrading.Runner.Commands;

/// <summary><c>algotrading backtest --data … --strategy … --out …</c>.</summary>
internal static class BacktestCommand
{
    public static Command Build()
    {
        var data = new Option<string>("--data") { Description = "Bars of the traded instrument", Required = true };
        var instrument = new Option<string?>("--instrument") { Description = "Instrument symbol (default: from the file name)" };
        var price = new Option<string?>("--price") { Description = "Trade one price series: bid, ask, mid or trade (default: quote bars at bid/ask)" };
        var strategy = new Option<string?>("--strategy") { Description = "sma-cross, breakout or rsi-threshold (or from --config)" };
        var config = new Option<string?>("--config") { Description = "Backtest YAML: strategy, params, units, cash, costs, slippage_pips, same_bar_exits, risk (command-line options win)" };
        var param = new Option<string[]>("--param") { Description = "Strategy parameter key=value (repeatable): fast, slow, mode=longonly|longshort, stop, take, trail, risk…" };
        var units = new Option<double?>("--units") { Description = "Position size in units (default 10000)" };
        var cash = new Option<double?>("--cash") { Description = "Starting cash in the account currency (default 100000)" };
        var costs = new Option<string?>("--costs") { Description = "none or config (default: spread, commission, slippage, financing from market_config)" };
        var with = new Option<string[]>("--with") { Description = "Another instrument's bars for currency conversion: SYMBOL=file (repeatable)" };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var policy = OptionParsing.PolicyOption();
        var equity = new Option<string>("--equity")
        {
            Description = "equity files: coarse (default: equity.csv with every step up to 100,000 steps, else per UTC hour its first, low, high and last step and the exact max-drawdown points), csv (every step), parquet (coarse CSV plus equity.parquet with every step)",
            DefaultValueFactory = _ => "coarse",
        };
        var walkForward = new Option<bool>("--walk-forward") { Description = "With --retrain: retrain a model per window and trade the next (same as --strategy model-walk-forward; --param kind, features, label, train, step, p.<hyperparameter>)" };
        var retrain = new Option<bool>("--retrain") { Description = "With --walk-forward: retrain the model per window" };
        var timings = new Option<bool>("--timings") { Description = "Print the seconds spent loading, running and writing" };
        var command = new Command("backtest", "Run a strategy over bars with costs; write trades.csv, equity.csv, metrics.json, report.html (a tearsheet with a buy-and-hold benchmark) and run.json")
        {
            data, instrument, price, strategy, config, param, units, cash, costs, with, output, equity, timings, policy, walkForward, retrain,
        };
        var run = AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var request = new BacktestCommandLine
            {
                DataFile = parse.GetValue(data)!, Instrument = parse.GetValue(instrument), Price = parse.GetValue(price), Strategy = parse.GetValue(strategy),
                ConfigFile = parse.GetValue(config), Parameters = parse.GetValue(param) ?? [], Units = parse.GetValue(units), Cash = parse.GetValue(cash),
                Costs = parse.GetValue(costs), With = parse.GetValue(with) ?? [], Policy = parse.GetValue(policy),
                WalkForward = parse.GetValue(walkForward), Retrain = parse.GetValue(retrain),
                Validated = report => { if (!report.IsClean) Console.Out.WriteLine(report.ToString()); },
            }.ToRequest();
            // Only the model strategies need the model packages (ModelKinds); the others skip their registration.
            if (request.Strategy is "model" or "model-walk-forward") ModelPackages.Register();
            var equityOutput = parse.GetValue(equity) switch
            {
                "coarse" => EquityOutput.Coarse, "csv" => EquityOutput.FullCsv, "parquet" => EquityOutput.FullParquet,
                var e => throw new ArgumentException($"--equity {e}: expected coarse, csv or parquet"),
            };
            // The logger is set up while the engine runs (the command logs only its first line).
            var job = await BacktestJob.RunAsync(request, context.Configuration, parse.GetValue(output)!, equityOutput, ct, whileRunning: context.StartLog);
            var m = job.Metrics;
            Console.Out.WriteLine($"{request.Strategy} on {job.Bars.Instrument}: {m.Trades} trades, total return {m.TotalReturn:P2}, Sharpe {m.Sharpe:F2}, max drawdown {m.MaxDrawdown:P2}, final equity {m.FinalEquity:N2}");
            foreach (var f in job.Files) Console.Out.WriteLine($"  {f}");
            // The process's CPU and JIT time say where a one-shot run goes on a loaded machine, where wall time says little.
            if (parse.GetValue(timings))
                Console.Out.WriteLine(FormattableString.Invariant(
                    $"timings: {job.Timings} ({job.Bars.Count:N0} bars); process cpu {Environment.CpuUsage.TotalTime.TotalSeconds:F3} s, jit {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F3} s ({System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods)"));
            return 0;
        }, models: false, deferLog: true);
        // The data file is read while the configuration loads and the logger starts.
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(data) is { } file) BacktestJob.Prefetch(file);
            return run(parse, ct);
        });
        return command;
    }

    /// <summary>
    /// Starts reading the data file of a plain <c>backtest … --data FILE …</c> command line before the command tree is
    /// built (~20 ms of start-up the read then overlaps; the parsed command's own prefetch finds it started). Any other
    /// form of the command line waits for the parse.
    /// </summary>
    public static void PrefetchBeforeParsing(string[] args)
    {
        if (args.Length < 3 || args[0] != "backtest") return;
        for (int i = 1; i < args.Length - 1; i++)
            if (args[i] == "--data")
            {
                BacktestJob.Prefetch(args[i + 1]);
                return;
            }
    }
}
