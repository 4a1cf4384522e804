using System.Text.Json;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary><c>models explain</c> through the real executable: chosen rows give the same lines as the same rows among the last N.</summary>
public sealed class ModelExplainCommandTests
{
    private static readonly string Daily = SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv");

    [Fact]
    public void Rows_chosen_by_time_index_or_range_are_the_same_rows()
    {
        using var project = Cli.Project();
        var store = Path.Combine(project.Path, "store");
        string id = Cli.Train(project.Path, store, "--model", "lightgbm", "--param", "trees=10", "--param", "threads=1", "--folds", "2", "--seed", "5")
            .GetProperty("id").GetString()!;

        string[] Explain(params string[] choice)
        {
            var run = Cli.Run(project.Path, ["models", "explain", id, "--data", Daily, "--store", store, .. choice]);
            Assert.True(run.ExitCode == 0, run.Error);
            return run.Out.Split('\n').SkipWhile(l => !l.StartsWith("contributions")).Skip(2).Where(l => l.Trim().Length > 0).ToArray();
        }

        var last = Explain("--rows", "3");
        Assert.Equal(3, last.Length);
        var times = last.Select(l => l.Trim()[..16].Replace(' ', 'T')).ToArray(); // yyyy-MM-ddTHH:mm

        Assert.Equal([last[0], last[2]], Explain("--rows", $"{times[2]},{times[0]}"));
        Assert.Equal([last[1], last[2]], Explain("--from", times[1], "--to", times[2]));
        int bars = File.ReadLines(Daily).Count() - 1;
        Assert.Equal([last[0], last[2]], Explain("--index", $"{bars - 3},{bars - 1}"));

        var bad = Cli.Run(project.Path, "models", "explain", id, "--data", Daily, "--store", store, "--index", "0");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("bar index 0 is in the features' warm-up", bad.Error);
        Assert.Single(bad.Error.Trim().Split('\n'));
    }
}
