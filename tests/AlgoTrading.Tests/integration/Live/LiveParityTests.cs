using System.Text.Json;
using AlgoTrading.Configuration;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Live;

/// <summary>
/// Parity: a day of real EUR_USD ticks replayed through <c>live --broker paper --replay</c> gives exactly
/// the orders and trades that <c>backtest</c> gives on the M1 bars <c>data resample</c> builds from the
/// same ticks, for a rule-based and a model-driven strategy. Both go through the same trading core, strategy and fill rules; the runner builds its bars
/// from the quotes with the data layer's aggregator. Any difference in bar building, decision timing,
/// fills or costs shows up as a different order or a different trades.csv byte.
/// </summary>
public sealed class LiveParityTests
{
    private const string Day = "forex/oanda/tick/eurusd_tick_quote_20140505.csv";
    [Theory]
    [InlineData("sma-cross fast=10 slow=30 mode=longshort")]
    [InlineData("model-walk-forward label=direction:horizon=6 train=400 step=300 p.trees=10 p.threads=1 mode=longshort long=0.52 short=0.48")] // LightGBM retrained as it walks
    public void Live_paper_replay_of_a_day_of_ticks_writes_the_backtests_trades_csv_byte_for_byte(string strategy)
    {
        var parts = strategy.Split(' ');
        string[] strategyArgs = ["--strategy", parts[0], .. parts[1..].SelectMany(p => new[] { "--param", p })];
        var ticks = SharedData.Market(Day);
        using var project = Cli.Project();
        var m1 = Path.Combine(project.Path, "m1.csv");
        Ok(Cli.Run(project.Path, ["data", "resample", ticks, "--to", "M1", "--out", m1, "--policy", "repair"]));
        Ok(Cli.Run(project.Path, ["backtest", "--data", m1, "--instrument", "EUR_USD", .. strategyArgs, "--out", Path.Combine(project.Path, "bt")]));
        var live = Ok(Cli.Run(project.Path, ["live", "--broker", "paper", "--replay", ticks, "--policy", "repair", "--instrument", "EUR_USD", "--granularity", "M1",
            .. strategyArgs, "--state", Path.Combine(project.Path, "state"), "--json"]));

        using var summary = JsonDocument.Parse(live.Out.Trim().Split('\n')[^1]);
        var root = summary.RootElement;
        Assert.Equal("end of replay", root.GetProperty("stop_reason").GetString());
        foreach (var key in new[] { "orders_submitted", "fills", "rejects", "reconnects", "positions", "equity" }) Assert.True(root.TryGetProperty(key, out _), $"--json lacks {key}");
        var backtestTrades = File.ReadAllText(Path.Combine(project.Path, "bt", "trades.csv"));
        var liveTrades = File.ReadAllText(Path.Combine(project.Path, "state", "trades.csv"));
        Assert.True(backtestTrades.Split('\n').Length > 10, "the day should trade");
        Assert.Equal(backtestTrades, liveTrades);
        Assert.Equal(root.GetProperty("fills").GetInt32(), File.ReadAllLines(Path.Combine(project.Path, "state", "orders.csv")).Length - 1);
    }

    [Theory]
    [InlineData("bid")]
    [InlineData("mid")]
    public void Live_price_trades_the_series_backtest_price_trades(string price)
    {
        // --price gives the strategy one series and fills at it plus or minus half the typical spread, in both commands.
        string[] strategyArgs = ["--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30", "--param", "mode=longshort"];
        var ticks = SharedData.Market(Day);
        using var project = Cli.Project();
        var m1 = Path.Combine(project.Path, "m1.csv");
        Ok(Cli.Run(project.Path, ["data", "resample", ticks, "--to", "M1", "--out", m1, "--policy", "repair"]));
        Ok(Cli.Run(project.Path, ["backtest", "--data", m1, "--instrument", "EUR_USD", "--price", price, .. strategyArgs, "--out", Path.Combine(project.Path, "bt")]));
        Ok(Cli.Run(project.Path, ["backtest", "--data", m1, "--instrument", "EUR_USD", .. strategyArgs, "--out", Path.Combine(project.Path, "bt-quotes")]));
        Ok(Cli.Run(project.Path, ["live", "--broker", "paper", "--replay", ticks, "--policy", "repair", "--instrument", "EUR_USD", "--granularity", "M1", "--price", price,
            .. strategyArgs, "--state", Path.Combine(project.Path, "state"), "--json"]));

        var backtestTrades = File.ReadAllText(Path.Combine(project.Path, "bt", "trades.csv"));
        Assert.True(backtestTrades.Split('\n').Length > 10, "the day should trade");
        Assert.NotEqual(File.ReadAllText(Path.Combine(project.Path, "bt-quotes", "trades.csv")), backtestTrades); // the option changes the trades
        Assert.Equal(backtestTrades, File.ReadAllText(Path.Combine(project.Path, "state", "trades.csv")));
    }

    [Fact]
    public async Task Live_paper_replay_creates_the_backtests_orders_with_the_same_ids_sizes_and_fills()
    {
        var ticks = SharedData.Market(Day);
        using var project = Cli.Project();
        var m1 = Path.Combine(project.Path, "m1.csv");
        Ok(Cli.Run(project.Path, ["data", "resample", ticks, "--to", "M1", "--out", m1, "--policy", "repair"]));
        var configuration = AlgoTradingConfiguration.Load(Unit.ConfigurationTests.FindConfig());
        var trading = new BacktestCommandLine { DataFile = m1, Instrument = "EUR_USD", Strategy = "sma-cross", Parameters = ["fast=10", "slow=30", "mode=longshort"], Policy = "repair" }.ToRequest();
        var (backtest, _, _) = await BacktestWorkflow.RunAsync(trading, configuration);
        var live = await LiveWorkflow.RunAsync(new LiveRequest
        {
            Trading = trading, Instruments = ["EUR_USD"], Granularity = BarPeriod.M1, StateDirectory = Path.Combine(project.Path, "state"), ReplayFiles = [ticks],
        }, configuration, project.Path);

        static string Row(AlgoTrading.Execution.Orders.OrderRecord o) => FormattableString.Invariant($"{o.ClientId.Value} {o.Instrument} {o.Units:R} {o.Type} {o.Status} {o.FilledUnits:R} {o.AverageFillPrice:R} {o.Reason}");
        Assert.True(backtest.Orders.Count > 10);
        Assert.Equal(backtest.Orders.Select(Row), live.Orders.Select(Row));
        Assert.Equal(backtest.OpenPositions.OrderBy(p => p.Key), live.Positions.OrderBy(p => p.Key));
        Assert.Equal(backtest.Trades.Count, live.Trades.Count);
        Assert.Equal(live.OrdersSubmitted, live.Orders.Count(o => o.Id != 0));
        Assert.Empty(live.Mismatches);
    }

    private static Cli.Result Ok(Cli.Result r)
    {
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        return r;
    }
}
