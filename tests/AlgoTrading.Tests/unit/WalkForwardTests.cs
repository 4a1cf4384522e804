using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Synthetic;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit;

public class WalkForwardTests
{
    private static readonly BarSeries Hours = Resampler.Resample(SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(150_000)), BarPeriod.H1, TradingSession.Forex);
    private static readonly TradableInstrument Eur = TradableInstrument.FromSymbol("EUR_USD");
    private static readonly IReadOnlyList<Dictionary<string, string>> Grid =
        WalkForward.Grid(new Dictionary<string, string[]> { ["fast"] = ["5", "10"], ["slow"] = ["20", "40"] }, new Dictionary<string, string> { ["mode"] = "longshort" });

    [Fact]
    public void Grid_is_the_cartesian_product_in_a_stable_order()
    {
        Assert.Equal(4, Grid.Count);
        Assert.Equal(["5/20", "5/40", "10/20", "10/40"], Grid.Select(g => $"{g["fast"]}/{g["slow"]}"));
        Assert.All(Grid, g => Assert.Equal("longshort", g["mode"]));
    }

    [Fact]
    public void Each_window_tests_the_parameters_that_won_its_training_window_on_unseen_bars()
    {
        var layout = new WalkForwardOptions { TrainBars = 800, TestBars = 400 };
        var result = WalkForward.Run(Hours, Eur, "sma-cross", Grid, layout);
        Assert.Equal((Hours.Count - 800 + 399) / 400, result.Windows.Count);
        foreach (var w in result.Windows)
        {
            Assert.True(w.TrainEnd < w.TestStart);
            Assert.All(w.Test.Trades, t => Assert.True(t.EntryTime >= w.TestStart, "a test trade opened before its window"));
            // Independent check of the choice: score every grid point on the training bars here.
            int trainStart = Array.IndexOf(Hours.TimeTicks.ToArray(), w.TrainStart.Ticks), trainEnd = Array.IndexOf(Hours.TimeTicks.ToArray(), w.TrainEnd.Ticks);
            var b = new BarSeriesBuilder(Hours.Kind, trainEnd - trainStart + 1);
            for (int i = trainStart; i <= trainEnd; i++) b.AddFrom(Hours, i);
            var train = b.Build("EUR_USD", BarPeriod.H1);
            var scores = Grid.Select(g => new BacktestEngine([new BacktestFeed(Eur, train, StrategyFactory.Create("sma-cross", g))]).Run().Metrics().Sharpe)
                .Select(s => double.IsNaN(s) ? double.NegativeInfinity : s).ToArray();
            Assert.Equal(Grid[Array.IndexOf(scores, scores.Max())], w.Parameters);
        }
        // The stitched curve is the test windows' curves end to end from each test start (the warm-up
        // bars before it are left out): one point per test bar, no more, no fewer.
        Assert.Equal(result.Windows.Sum(w => w.Test.EquityTime.ToArray().Count(t => t >= w.TestStart.Ticks)), result.Equity.Length);
        Assert.Equal(result.Windows[0].TestStart.Ticks, result.Time[0]);
        Assert.True(result.Time.Zip(result.Time.Skip(1)).All(p => p.First < p.Second), "stitched curve must move forward in time");
    }

    [Fact]
    public void Results_do_not_depend_on_how_many_windows_run_at_once()
    {
        var one = WalkForward.Run(Hours, Eur, "sma-cross", Grid, new WalkForwardOptions { TrainBars = 800, TestBars = 400, MaxDegreeOfParallelism = 1 });
        var many = WalkForward.Run(Hours, Eur, "sma-cross", Grid, new WalkForwardOptions { TrainBars = 800, TestBars = 400, MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.Equity, many.Equity);
        Assert.Equal(one.Windows.Select(w => w.Parameters["fast"] + w.Parameters["slow"]), many.Windows.Select(w => w.Parameters["fast"] + w.Parameters["slow"]));
    }

    [Fact]
    public void Anchored_training_windows_all_start_at_the_first_bar()
    {
        var result = WalkForward.Run(Hours, Eur, "sma-cross", Grid, new WalkForwardOptions { TrainBars = 800, TestBars = 800, Anchored = true });
        Assert.All(result.Windows, w => Assert.Equal(Hours.TimeAt(0), w.TrainStart));
    }
}
