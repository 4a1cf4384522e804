using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>
/// Bad input through the real executable: one line on stderr starting "error: ", exit 1 for bad data
/// or configuration and 2 for bad usage, nothing written where it must not be, and the validation
/// policy shared by import, features and backtest.
/// </summary>
public class BadInputCommandLineTests : IDisposable
{
    private readonly TempDirectory _project = Cli.Project();
    public void Dispose() => _project.Dispose();

    private static void AssertOneErrorLine(Cli.Result r, int exitCode, params string[] contains)
    {
        Assert.True(r.ExitCode == exitCode, $"exit {r.ExitCode}, expected {exitCode}: {r.Error}");
        var errors = r.Error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Single(errors);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("Usage:", r.Error + r.Out);
        foreach (var text in contains) Assert.Contains(text, errors[0]);
    }

    // 120 real EUR/USD daily bars with one high set to 1e30 on file line 51.
    private string BadBars()
    {
        var lines = File.ReadLines(SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv")).Take(121).ToArray();
        var fields = lines[50].Split(',');
        fields[2] = "1e30";
        lines[50] = string.Join(',', fields);
        return _project.File("eurusd_bad.csv", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void Features_and_backtest_refuse_a_bad_row_by_default_and_print_the_counts_when_asked_to_drop()
    {
        var bad = BadBars();
        var features = Cli.Run(_project.Path, "features", bad, "--set", "classic", "--out", "f.csv");
        AssertOneErrorLine(features, 1, $"{bad}:51: bid_high: ", "implausible_price");
        Assert.False(File.Exists(Path.Combine(_project.Path, "f.csv")));

        var dropped = Cli.Run(_project.Path, "features", bad, "--set", "classic", "--out", "f.csv", "--policy", "drop");
        Assert.True(dropped.ExitCode == 0, dropped.Error);
        Assert.Contains("120 rows in, 119 out, 0 repaired, 1 dropped; implausible_price: 1 (lines 51)", dropped.Out);

        var backtest = Cli.Run(_project.Path, "backtest", "--data", bad, "--strategy", "sma-cross", "--out", "bt");
        AssertOneErrorLine(backtest, 1, $"{bad}:51: bid_high: ");
        var repaired = Cli.Run(_project.Path, "backtest", "--data", bad, "--strategy", "sma-cross", "--out", "bt", "--policy", "repair");
        Assert.True(repaired.ExitCode == 0, repaired.Error);
        Assert.Contains("1 dropped; implausible_price: 1 (lines 51)", repaired.Out);
    }

    [Fact]
    public void Arguments_the_commands_cannot_use_exit_2_with_one_line()
    {
        var file = SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv");
        AssertOneErrorLine(Cli.Run(_project.Path, "features", file, "--set", "classic", "--out", "f.xlsx"), 2, "--out f.xlsx: expected a .csv or .parquet file");
        AssertOneErrorLine(Cli.Run(_project.Path, "data", "resample", file, "--to", "W1", "--out", "r.txt"), 2, "--out r.txt");
        AssertOneErrorLine(Cli.Run(_project.Path, "data", "import", file, "--instrument", "EUR_USD", "--policy", "sometimes"), 2, "--policy sometimes");
        AssertOneErrorLine(Cli.Run(_project.Path, "data", "inspect", file, "--max-jump", "0.5"), 2, "--max-jump");
        AssertOneErrorLine(Cli.Run(_project.Path, "features", file, "--set", "classic", "--out", "f.csv", "--frobnicate"), 2, "--frobnicate", "algotrading features --help");
        AssertOneErrorLine(Cli.Run(_project.Path, "data", "import"), 2, "algotrading data import --help");
        AssertOneErrorLine(Cli.Run(_project.Path, "features", file, "--set", "classic", "--out", "f.csv", "--price", "trade"), 2, "price trade: EUR_USD holds quote bars");
        AssertOneErrorLine(Cli.Run(_project.Path, "data", "inspect", file, "--session", "mars"), 2, "--session mars");
    }

    [Fact]
    public void User_names_never_become_paths_outside_the_store_and_a_relative_store_is_relative_to_the_current_folder()
    {
        var file = SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv");
        var sub = Directory.CreateDirectory(Path.Combine(_project.Path, "a", "b")).FullName;
        var escape = Cli.Run(sub, "data", "import", file, "--instrument", "EUR_USD", "--market", "../../etc", "--store", "store");
        AssertOneErrorLine(escape, 2, "market '../../etc'");
        AssertOneErrorLine(Cli.Run(sub, "data", "import", file, "--instrument", "../EUR_USD", "--store", "store"), 2, "instrument '../EUR_USD'");
        Assert.False(Directory.Exists(Path.Combine(_project.Path, "a", "etc")));
        Assert.False(Directory.Exists(Path.Combine(sub, "store")));

        var ok = Cli.Run(sub, "data", "import", file, "--instrument", "EUR_USD", "--store", "store");
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.True(File.Exists(Path.Combine(sub, "store", "forex", "EUR_USD", "D1", "2007.parquet")));
    }

    [Fact]
    public void An_empty_model_config_means_the_defaults_and_an_alias_bomb_is_a_config_error()
    {
        var modelConfig = Path.Combine(_project.Path, "config", "model_config.yaml");
        File.WriteAllText(modelConfig, "");
        var list = Cli.Run(_project.Path, "features", "list");
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains("classic (built in)", list.Out);

        var bomb = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++) bomb.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        File.WriteAllText(modelConfig, bomb.ToString());
        AssertOneErrorLine(Cli.Run(_project.Path, "features", "list"), 1, "model_config.yaml:1:1: (root): aliases expand the document");
    }
}
