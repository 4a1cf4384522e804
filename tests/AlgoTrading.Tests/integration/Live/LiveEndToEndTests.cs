using System.Globalization;
using System.Text;
using System.Text.Json;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Live;

/// <summary>
/// <c>live --broker paper --replay</c> end to end through the real executable: the model strategy loading
/// a model trained and promoted in a temporary store (<c>--param model=production/forex/EUR_USD/latest</c>),
/// and a run of two instruments. Each is held to the backtest of the same bars: the same trades, per instrument.
/// </summary>
public sealed class LiveEndToEndTests
{
    private static readonly DateTime First = new(2024, 3, 5, 8, 0, 0, DateTimeKind.Utc); // a Tuesday

    [Fact]
    public void The_model_strategy_trades_the_promoted_production_model_as_its_backtest_does()
    {
        using var project = Cli.Project();
        var store = Path.Combine(project.Path, "store");
        string id = Cli.Train(project.Path, store, "--model", "lightgbm", "--param", "trees=10", "--param", "threads=1", "--folds", "2", "--seed", "5").GetProperty("id").GetString()!;
        Ok(Cli.Run(project.Path, "models", "promote", id, "--store", store));
        var ticks = SharedData.Market("forex/oanda/tick/eurusd_tick_quote_20140505.csv");
        var m1 = Path.Combine(project.Path, "m1.csv");
        Ok(Cli.Run(project.Path, "data", "resample", ticks, "--to", "M1", "--out", m1, "--policy", "repair"));
        string[] strategy = ["--strategy", "model", "--param", "model=production/forex/EUR_USD/latest", "--param", $"store={store}",
            "--param", "long=0.5", "--param", "short=0.5", "--param", "mode=longshort"];
        Ok(Cli.Run(project.Path, ["backtest", "--data", m1, "--instrument", "EUR_USD", .. strategy, "--out", Path.Combine(project.Path, "bt")]));
        var live = Ok(Cli.Run(project.Path, ["live", "--broker", "paper", "--replay", ticks, "--policy", "repair", "--instrument", "EUR_USD", "--granularity", "M1",
            .. strategy, "--state", Path.Combine(project.Path, "state"), "--json"]));

        using var summary = JsonDocument.Parse(live.Out.Trim().Split('\n')[^1]);
        Assert.Equal("end of replay", summary.RootElement.GetProperty("stop_reason").GetString());
        Assert.True(summary.RootElement.GetProperty("orders_submitted").GetInt32() > 0, "the model should trade");
        var backtestTrades = File.ReadAllText(Path.Combine(project.Path, "bt", "trades.csv"));
        Assert.True(backtestTrades.Split('\n').Length > 3, "the backtest should trade");
        Assert.Equal(backtestTrades, File.ReadAllText(Path.Combine(project.Path, "state", "trades.csv")));
    }

    [Fact]
    public void Two_instruments_trade_each_as_its_own_backtest_and_report_both_positions()
    {
        using var project = Cli.Project();
        string[] symbols = ["EUR_USD", "GBP_USD"];
        var ticks = new[] { WriteTicks(Path.Combine(project.Path, "eur.csv"), 1.10, phase: 0), WriteTicks(Path.Combine(project.Path, "gbp.csv"), 1.27, phase: 40) };
        string[] strategy = ["--strategy", "sma-cross", "--param", "fast=3", "--param", "slow=8", "--param", "mode=longshort", "--units", "1000"];
        var backtests = new List<string[]>();
        for (int i = 0; i < 2; i++)
        {
            var m1 = Path.Combine(project.Path, $"m1_{i}.csv");
            Ok(Cli.Run(project.Path, "data", "resample", ticks[i], "--to", "M1", "--out", m1));
            var bt = Path.Combine(project.Path, $"bt_{i}");
            Ok(Cli.Run(project.Path, ["backtest", "--data", m1, "--instrument", symbols[i], .. strategy, "--out", bt]));
            backtests.Add(File.ReadAllLines(Path.Combine(bt, "trades.csv")));
        }
        var state = Path.Combine(project.Path, "state");
        var live = Ok(Cli.Run(project.Path, ["live", "--broker", "paper", "--replay", ticks[0], "--replay", ticks[1], "--instrument", symbols[0], "--instrument", symbols[1],
            "--granularity", "M1", .. strategy, "--state", state, "--json"]));

        using var summary = JsonDocument.Parse(live.Out.Trim().Split('\n')[^1]);
        var positions = summary.RootElement.GetProperty("positions");
        var liveTrades = File.ReadAllLines(Path.Combine(state, "trades.csv"));
        var orders = File.ReadAllLines(Path.Combine(state, "orders.csv"));
        Assert.Equal(backtests[0][0], liveTrades[0]); // the same columns
        // trades.csv has the backtest's columns, the instrument first: the run's trades are both backtests' trades, row for row.
        Assert.Equal(backtests.SelectMany(b => b.Skip(1)).Order(StringComparer.Ordinal), liveTrades.Skip(1).Order(StringComparer.Ordinal));
        for (int i = 0; i < 2; i++) Assert.All(backtests[i].Skip(1), row => Assert.StartsWith(symbols[i] + ",", row));
        for (int i = 0; i < 2; i++)
        {
            Assert.True(backtests[i].Length > 5, $"{symbols[i]}: only {backtests[i].Length - 1} trades");
            Assert.True(orders.Count(l => l.Contains(symbols[i], StringComparison.Ordinal)) > 5, $"{symbols[i]}: too few orders");
            // sma-cross long/short always holds a position once the averages crossed: each instrument ends with 1000 units one way.
            Assert.Equal(1000, Math.Abs(positions.GetProperty(symbols[i]).GetDouble()));
        }
    }

    // Quotes every 5 s for 6 hours on a slow sine with noise: sma-cross 3/8 on M1 trades every few dozen bars.
    private static string WriteTicks(string path, double level, int phase)
    {
        var text = new StringBuilder("time_utc,bid,ask\n");
        var random = new Random(phase + 1);
        for (int i = 0; i < 6 * 720; i++)
        {
            double mid = level * (1 + 0.001 * Math.Sin((i + phase) / 61.0)) + 0.0001 * random.NextDouble();
            text.Append(CultureInfo.InvariantCulture, $"{First.AddSeconds(5 * i):yyyy-MM-dd HH:mm:ss},{mid - 0.00005:F5},{mid + 0.00005:F5}\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static Cli.Result Ok(Cli.Result r)
    {
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        return r;
    }
}
