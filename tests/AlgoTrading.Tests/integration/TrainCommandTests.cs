using System.Text.Json;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>The real executable: train with --json, promote, backtest the production model, and bad input as one line.</summary>
public sealed class TrainCommandTests
{
    private static readonly string Daily = SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv");

    [Fact]
    public void Train_promote_and_backtest_the_production_model()
    {
        using var project = Cli.Project();
        var store = Path.Combine(project.Path, "store");
        var root = Cli.Train(project.Path, store, "--model", "lightgbm", "--param", "trees=20", "--param", "threads=1", "--folds", "3", "--seed", "5");
        string id = root.GetProperty("id").GetString()!;
        Assert.Equal("lightgbm", root.GetProperty("kind").GetString());
        Assert.True(Directory.Exists(root.GetProperty("path").GetString()));
        Assert.InRange(root.GetProperty("metrics").GetProperty("oos_auc").GetDouble(), 0.3, 0.7); // daily direction is close to a coin toss
        Assert.Equal(3, root.GetProperty("folds").GetArrayLength());
        var folder = root.GetProperty("path").GetString()!;
        Assert.True(File.ReadAllLines(Path.Combine(folder, "oos_predictions.csv")).Length > 3000);

        var promote = Cli.Run(project.Path, "models", "promote", id, "--store", store);
        Assert.True(promote.ExitCode == 0, promote.Error);
        Assert.Contains("production/forex/EUR_USD/v1", promote.Out);

        var backtest = Cli.Run(project.Path, "backtest", "--data", Daily, "--strategy", "model", "--param", "model=production/forex/EUR_USD/latest",
            "--param", $"store={store}", "--param", "long=0.52", "--param", "short=0.48", "--param", "mode=longshort", "--out", Path.Combine(project.Path, "bt"));
        Assert.True(backtest.ExitCode == 0, backtest.Error);
        Assert.Contains("model on EUR_USD", backtest.Out);
        Assert.DoesNotContain(" 0 trades", backtest.Out);

        var explain = Cli.Run(project.Path, "models", "explain", "production/forex/EUR_USD/latest", "--data", Daily, "--rows", "3", "--store", store);
        Assert.True(explain.ExitCode == 0, explain.Error);
        Assert.Contains("importance (total gain)", explain.Out);
        Assert.Contains("rsi_14", explain.Out);
        Assert.Equal(3, explain.Out.Split('\n').Count(l => l.TrimStart().StartsWith("2018-12")));

        var list = Cli.Run(project.Path, "models", "list", "--store", store);
        Assert.Contains(id, list.Out);
        Assert.Contains("production", list.Out);
    }

    [Fact]
    public void Bad_input_is_one_line()
    {
        using var project = Cli.Project();
        var store = Path.Combine(project.Path, "store");
        var badLabel = Cli.Run(project.Path, "train", "--data", Daily, "--features", "classic", "--label", "direction:horizon=5,treshold=0", "--model", "lightgbm", "--out", store);
        Assert.Equal(2, badLabel.ExitCode);
        Assert.Contains("unknown parameter 'treshold'", badLabel.Error);
        Assert.Single(badLabel.Error.Trim().Split('\n'));

        var badKind = Cli.Run(project.Path, "train", "--data", Daily, "--features", "classic", "--label", "return:horizon=5", "--model", "catboost", "--out", store);
        Assert.Equal(1, badKind.ExitCode);
        Assert.Contains("unknown model kind 'catboost'", badKind.Error);
        Assert.False(Directory.Exists(Path.Combine(store, "staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(store, "staging")).Any());
    }
}
