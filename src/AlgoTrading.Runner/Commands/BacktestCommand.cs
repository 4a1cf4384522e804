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
        var command = new Command("backtest", "Run a strategy over bars with costs; write trades.csv, equity.csv, metrics.json, report.html and run.json")
        {
            data, instrument, price, strategy, config, param, units, cash, costs, with, output,
        };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var request = new BacktestCommandLine
            {
                DataFile = parse.GetValue(data)!, Instrument = parse.GetValue(instrument), Price = parse.GetValue(price), Strategy = parse.GetValue(strategy),
                ConfigFile = parse.GetValue(config), Parameters = parse.GetValue(param) ?? [], Units = parse.GetValue(units), Cash = parse.GetValue(cash),
                Costs = parse.GetValue(costs), With = parse.GetValue(with) ?? [],
            }.ToRequest();
            var outDir = parse.GetValue(output)!;
            var (result, files, bars) = await BacktestWorkflow.RunAsync(request, context.Configuration, outDir, ct);
            var report = Path.Combine(outDir, "report.html");
            BacktestReport.Write(result, bars, $"{request.Strategy} on {bars.Instrument}", report);
            var m = result.Metrics();
            Console.Out.WriteLine($"{request.Strategy} on {bars.Instrument}: {m.Trades} trades, total return {m.TotalReturn:P2}, Sharpe {m.Sharpe:F2}, max drawdown {m.MaxDrawdown:P2}, final equity {m.FinalEquity:N2}");
            foreach (var f in files.Append(report)) Console.Out.WriteLine($"  {f}");
            return 0;
        }));
        return command;
    }

}
