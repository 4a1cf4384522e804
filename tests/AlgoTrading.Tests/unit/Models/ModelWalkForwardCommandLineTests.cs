using AlgoTrading.Tests.Support;
using AlgoTrading.Workflows;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary><c>backtest --walk-forward --retrain</c>: the spelling of <c>--strategy model-walk-forward</c>, and its bad combinations.</summary>
public sealed class ModelWalkForwardCommandLineTests
{
    private static string Strategy(bool walkForward, bool retrain, string? strategy = null) =>
        new BacktestCommandLine { DataFile = "bars.csv", Strategy = strategy, WalkForward = walkForward, Retrain = retrain }.ToRequest().Strategy;

    [Fact]
    public void Walk_forward_retrain_is_the_retrained_model_strategy_and_the_old_spelling_still_works()
    {
        Assert.Equal("model-walk-forward", Strategy(true, true));
        Assert.Equal("model-walk-forward", Strategy(true, true, "model"));
        Assert.Equal("model-walk-forward", Strategy(true, true, "model-walk-forward"));
        Assert.Equal("model-walk-forward", Strategy(false, false, "model-walk-forward"));
        Assert.Equal("sma-cross", Strategy(false, false, "sma-cross"));
    }

    [Theory]
    [InlineData(false, true, null, "--retrain needs --walk-forward")]
    [InlineData(true, false, "model", "--walk-forward needs --retrain")]
    [InlineData(true, true, "sma-cross", "strategy 'sma-cross' has no model")]
    public void Bad_combinations_are_one_line_usage_errors(bool walkForward, bool retrain, string? strategy, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => Strategy(walkForward, retrain, strategy));
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_executable_backtests_a_walk_forward_retrained_model()
    {
        var daily = SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv");
        using var project = Cli.Project();
        var run = Cli.Run(project.Path, "backtest", "--data", daily, "--walk-forward", "--retrain", "--param", "label=direction:horizon=5",
            "--param", "train=1000", "--param", "step=500", "--param", "p.trees=10", "--param", "p.threads=1", "--out", Path.Combine(project.Path, "bt"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("model-walk-forward on EUR_USD", run.Out);
        Assert.True(File.Exists(Path.Combine(project.Path, "bt", "metrics.json")));

        var bad = Cli.Run(project.Path, "backtest", "--data", daily, "--retrain", "--out", Path.Combine(project.Path, "bt2"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(bad.Error.Trim().Split('\n'));
        Assert.Contains("--retrain needs --walk-forward", bad.Error);
    }
}
