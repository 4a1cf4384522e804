using System.Text.Json;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>The command line as a user runs it: a real process, its exit code, stdout and stderr.</summary>
public class CommandLineTests : IDisposable
{
    private readonly TempDirectory _project = Cli.Project();
    public void Dispose() => _project.Dispose();

    [Fact]
    public void Inspect_json_reports_rows_range_resolution_gaps_and_issues()
    {
        var file = SharedData.Market("forex/fxcm/daily/eurusd_daily_quote.csv");
        var r = Cli.Run(_project.Path, "data", "inspect", file, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(3487, root.GetProperty("rows").GetInt32());
        Assert.Equal("2007-03-30T05:00:00Z", root.GetProperty("first").GetString());
        Assert.Equal("D1", root.GetProperty("resolution").GetString());
        // FXCM daily bars skip 395 weekdays in 235 gaps (the file's own holes, counted once by the inspector).
        Assert.Equal(235, root.GetProperty("gaps").GetProperty("count").GetInt32());
        Assert.Equal(395, root.GetProperty("gaps").GetProperty("missing_bars").GetInt32());
        Assert.Equal(419, root.GetProperty("issues").GetProperty("crossed_quote").GetInt32());
    }

    [Fact]
    public void Inspect_of_the_tick_file_counts_duplicates()
    {
        var r = Cli.Run(_project.Path, "data", "inspect", SharedData.Market("forex/oanda/tick/eurusd_tick_quote_20140505.csv"), "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("TICK", doc.RootElement.GetProperty("resolution").GetString());
        Assert.True(doc.RootElement.GetProperty("issues").GetProperty("duplicate_timestamp").GetInt32() > 0);
    }

    [Fact]
    public void Inspect_table_output_is_readable()
    {
        var r = Cli.Run(_project.Path, "data", "inspect", SharedData.Market("cfd/oanda/minute/de30eur_minute_quote_201902.csv"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("3,638", r.Out);
        Assert.Contains("de_index_cfd", r.Out); // the DAX session from market_config, found from the file name
    }

    [Fact]
    public void Errors_are_one_line_with_a_non_zero_exit_code_and_no_stack_trace()
    {
        var bad = _project.File("bad.csv", "time_utc,bid,ask\n2014-05-01 00:00:00,1.1,oops\n");
        var r = Cli.Run(_project.Path, "data", "inspect", bad);
        Assert.Equal(1, r.ExitCode);
        var lines = r.Error.Trim().Split('\n');
        Assert.Single(lines);
        Assert.Equal($"error: {bad}:2: ask: 'oops' is not a number", lines[0]);

        var missing = Cli.Run(_project.Path, "data", "inspect", "/no/such/file.csv");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("/no/such/file.csv", missing.Error);
        Assert.DoesNotContain("   at ", missing.Error);

        var verbose = Cli.Run(_project.Path, "data", "inspect", bad, "--verbose");
        Assert.Contains("   at ", verbose.Error);
    }

    [Fact]
    public void A_wrong_config_key_stops_every_command_with_its_location()
    {
        File.AppendAllText(Path.Combine(_project.Path, "config", "system_config.yaml"), "\nlogging_level: debug\n");
        var r = Cli.Run(_project.Path, "demo", "--bars", "2000");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("system_config.yaml:", r.Error);
        Assert.Contains("logging_level: unknown key", r.Error);
    }

    [Fact]
    public async Task Import_is_idempotent_and_query_sees_the_rows()
    {
        var file = SharedData.Market("forex/oanda/minute/nzdusd_minute_quote.csv");
        var first = Cli.Run(_project.Path, "data", "import", file, "--instrument", "NZD_USD", "--policy", "repair");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("forex/NZD_USD/M1:", first.Out);
        var again = Cli.Run(_project.Path, "data", "import", file, "--instrument", "NZD_USD", "--policy", "repair");
        Assert.Contains(" 0 rows added", again.Out);
        Assert.True(File.Exists(Path.Combine(_project.Path, "data", "storage", "forex", "NZD_USD", "M1", "2014.parquet")));

        var q = Cli.Run(_project.Path, "data", "query", "SELECT instrument, resolution, count(*) AS n FROM bars GROUP BY ALL", "--json");
        Assert.True(q.ExitCode == 0, q.Error);
        using var doc = JsonDocument.Parse(q.Out);
        var row = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("NZD_USD", row.GetProperty("instrument").GetString());
        Assert.Equal("M1", row.GetProperty("resolution").GetString());
        var (clean, _) = AlgoTrading.Data.Processors.MarketDataValidator.Validate(
            (await AlgoTrading.Data.Loaders.MarketDataReader.LoadAsync(file)).Bars!, new() { Policy = AlgoTrading.Data.Processors.ValidationPolicy.Repair });
        Assert.Equal(clean.Count, row.GetProperty("n").GetInt64());
    }

    [Fact]
    public void Import_under_the_default_fail_policy_refuses_crossed_quotes()
    {
        var r = Cli.Run(_project.Path, "data", "import", SharedData.Market("forex/fxcm/daily/eurusd_daily_quote.csv"), "--instrument", "EUR_USD");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("crossed_quote", r.Error);
        Assert.Matches(@"eurusd_daily_quote\.csv:\d+: ask_(open|high|low|close): ", r.Error);
    }

    [Fact]
    public async Task Resample_writes_a_csv_that_loads_back()
    {
        var output = Path.Combine(_project.Path, "h4.csv");
        var r = Cli.Run(_project.Path, "data", "resample", SharedData.Market("forex/oanda/minute/eurusd_minute_quote.csv"), "--to", "H4", "--out", output, "--policy", "drop");
        Assert.True(r.ExitCode == 0, r.Error);
        var bars = (await AlgoTrading.Data.Loaders.MarketDataReader.LoadAsync(output)).Bars!;
        Assert.Equal("H4", bars.Period.ToString());
        // FX H4 bars start at 17:00, 21:00, 01:00, 05:00, 09:00, 13:00 New York: in May (EDT) that is 21, 1, 5, 9, 13, 17 UTC.
        Assert.All(Enumerable.Range(0, bars.Count), i => Assert.Contains(bars.TimeAt(i).Hour, new[] { 1, 5, 9, 13, 17, 21 }));
    }

    [Fact]
    public void Bad_usage_exits_2()
    {
        // A real file, so the period is what is wrong (a missing file is bad data: exit 1).
        var r = Cli.Run(_project.Path, "data", "resample", SharedData.Market("forex/oanda/minute/eurusd_minute_quote.csv"), "--to", "M7", "--out", "y.csv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("M7 does not divide a day", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
        var unknown = Cli.Run(_project.Path, "data", "inspect", "x.csv", "--format", "excel");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown format 'excel'", unknown.Error);
    }

    [Fact]
    public void Demo_runs_without_data_files_and_says_synthetic()
    {
        var r = Cli.Run(_project.Path, "demo", "--bars", "5000", "--out", "demo-out");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("SYNTHETIC", r.Out);
        Assert.Contains("EUR_USD", r.Out);
        Assert.Contains("SPX500_USD", r.Out);
        var outDir = Path.Combine(_project.Path, "demo-out");
        Assert.True(File.Exists(Path.Combine(outDir, "synthetic_eur_usd_m1.parquet")));
        Assert.True(File.Exists(Path.Combine(outDir, "storage", "indices", "SPX500_USD", "M1", "2024.parquet")));
        Assert.True(File.ReadLines(Path.Combine(outDir, "synthetic_eur_usd_h1.csv")).Count() > 50);
        Assert.Contains("[demo]", r.Error); // plain progress lines when redirected
        Assert.Contains("look-ahead probe: none found", r.Out);
        Assert.Contains("sma-cross 10/30 H1 with costs", r.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "backtest_eur_usd", "report.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "backtest_spx500_usd", "metrics.json")));
        Assert.StartsWith("time_utc,sma_20,", File.ReadLines(Path.Combine(outDir, "synthetic_eur_usd_h1_classic_features.csv")).First());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_project.Path, "logs")));
    }
}

/// <summary>The features command as a user runs it.</summary>
public class FeatureCommandLineTests : IDisposable
{
    private readonly TempDirectory _project = Cli.Project();
    public void Dispose() => _project.Dispose();

    [Fact]
    public void Features_writes_time_then_the_classic_columns_with_empty_warm_up_cells()
    {
        var output = Path.Combine(_project.Path, "classic.csv");
        var r = Cli.Run(_project.Path, "features", SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"), "--set", "classic", "--out", output);
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = File.ReadAllLines(output);
        Assert.Equal("time_utc,sma_20,ema_20,wma_20,rsi_14,atr_14,natr_14,macd_12_26_9,macd_signal_12_26_9,macd_hist_12_26_9,bb_upper_20_2,bb_middle_20_2,bb_lower_20_2,stoch_k_14_3_3,stoch_d_14_3_3,adx_14,plus_di_14,minus_di_14,cci_20,willr_14,roc_10,mom_10,stddev_20", lines[0]);
        Assert.Equal(3_738 + 1, lines.Length);
        Assert.StartsWith("2007-01-01T00:00:00Z,,,", lines[1]);
        var row19 = lines[20].Split(',');
        Assert.NotEqual("", row19[1]);   // sma_20 valid from bar 19
        Assert.Equal("", row19[7]);       // macd needs 33 bars
        Assert.DoesNotContain(lines[^1].Split(','), cell => cell == "");
    }

    [Fact]
    public async Task Features_from_a_yaml_set_to_parquet_with_bid_prices()
    {
        var set = _project.File("mine.yaml", "price: mid\nindicators:\n  - { name: rsi, params: [7] }\nreturns: { kind: log, horizons: [1] }\nrolling:\n  - { column: return_log_1, window: 10, stats: [zscore] }\n");
        var output = Path.Combine(_project.Path, "mine.parquet");
        var r = Cli.Run(_project.Path, "features", SharedData.Market("forex/oanda/hour/nzdusd_hour_quote.csv"), "--set", set, "--out", output, "--price", "bid");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("mine:", r.Out);
        Assert.Contains("mine: 74,451 rows × 3 features", r.Out);
        // The file holds what was announced: every input row, the three feature columns, bid prices.
        using var stream = File.OpenRead(output);
        await using var reader = await Parquet.ParquetReader.CreateAsync(stream);
        var columns = reader.Schema.GetDataFields().Select(f => f.Name).ToList();
        Assert.Equal(74_451, reader.Metadata!.NumRows);
        Assert.Contains(columns, c => c.Contains("rsi", StringComparison.Ordinal));
        Assert.Contains(columns, c => c.Contains("return_log_1", StringComparison.Ordinal) && !c.Contains("zscore", StringComparison.Ordinal));
        Assert.Contains(columns, c => c.Contains("zscore", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_passes_a_built_in_set_and_errors_are_one_line()
    {
        var ok = Cli.Run(_project.Path, "features", "check", SharedData.Market("forex/oanda/daily/gbpusd_daily_quote.csv"), "--set", "market_state");
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Contains("no look-ahead", ok.Out);
        var bad = Cli.Run(_project.Path, "features", SharedData.Market("forex/oanda/daily/gbpusd_daily_quote.csv"), "--set", "nope", "--out", "x.csv");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("unknown feature set 'nope'", bad.Error);
        var badYaml = _project.File("bad.yaml", "indicators:\n  - { name: rsi, parms: [7] }\n");
        var e = Cli.Run(_project.Path, "features", SharedData.Market("forex/oanda/daily/gbpusd_daily_quote.csv"), "--set", badYaml, "--out", "x.csv");
        Assert.Contains("bad.yaml:2:", e.Error);
        Assert.Contains("indicators[0].parms: unknown key", e.Error);
    }
}

/// <summary>The backtest command as a user runs it.</summary>
public class BacktestCommandLineTests : IDisposable
{
    private readonly TempDirectory _project = Cli.Project();
    public void Dispose() => _project.Dispose();

    private Cli.Result Backtest(string outDir, params string[] extra) => Cli.Run(_project.Path,
        ["backtest", "--data", SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"), "--instrument", "EUR_USD",
         "--strategy", "sma-cross", "--param", "fast=10", "--param", "slow=30", "--out", outDir, .. extra]);

    [Fact]
    public void Backtest_writes_every_output_with_the_documented_columns_and_keys()
    {
        var outDir = Path.Combine(_project.Path, "bt");
        var r = Backtest(outDir, "--param", "mode=longshort");
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var file in new[] { "trades.csv", "equity.csv", "metrics.json", "report.html", "run.json" })
            Assert.True(File.Exists(Path.Combine(outDir, file)), file);
        var trades = File.ReadAllLines(Path.Combine(outDir, "trades.csv"));
        Assert.StartsWith("instrument,entry_time,entry_price,exit_time,exit_price,units,pnl,", trades[0]);
        Assert.Matches(@"^EUR_USD,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z,", trades[1]);
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        foreach (var key in new[] { "total_return", "cagr", "sharpe", "sortino", "calmar", "max_drawdown", "win_rate", "profit_factor", "trades", "final_equity" })
            Assert.True(metrics.RootElement.TryGetProperty(key, out _), key);
        Assert.Equal(trades.Length - 1, metrics.RootElement.GetProperty("trades").GetInt32());
        using var run = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run.json")));
        Assert.Equal(64, run.RootElement.GetProperty("inputs")[0].GetProperty("sha256").GetString()!.Length);
        Assert.Equal("sma-cross", run.RootElement.GetProperty("settings").GetProperty("strategy").GetString());
    }

    [Fact]
    public async Task Timings_and_full_resolution_equity_on_request()
    {
        var outDir = Path.Combine(_project.Path, "full");
        var r = Backtest(outDir, "--equity", "parquet", "--timings");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Matches(@"timings: load \d+\.\d{3} s, run \d+\.\d{3} s, write \d+\.\d{3} s, total \d+\.\d{3} s \([\d,]+ bars\)", r.Out);
        // A short run keeps every step in equity.csv; equity.parquet holds the same points.
        var csv = File.ReadAllLines(Path.Combine(outDir, "equity.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await using var stream = File.OpenRead(Path.Combine(outDir, "equity.parquet"));
        await using var reader = await Parquet.ParquetReader.CreateAsync(stream);
        using var group = reader.OpenRowGroupReader(0);
        var equity = new double[group.RowCount];
        await group.ReadAsync<double>(reader.Schema.GetDataFields()[1], equity.AsMemory());
        Assert.Equal(csv, equity);
        var bad = Backtest(Path.Combine(_project.Path, "bad"), "--equity", "daily");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("daily", bad.Error);
    }

    [Fact]
    public void Same_inputs_give_bit_identical_outputs()
    {
        string a = Path.Combine(_project.Path, "a"), b = Path.Combine(_project.Path, "b");
        Assert.Equal(0, Backtest(a, "--param", "mode=longshort").ExitCode);
        Assert.Equal(0, Backtest(b, "--param", "mode=longshort").ExitCode);
        foreach (var file in new[] { "trades.csv", "equity.csv", "metrics.json", "report.html" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
    }

    [Fact]
    public async Task Without_costs_a_single_price_run_matches_a_plain_loop()
    {
        var outDir = Path.Combine(_project.Path, "mid");
        var r = Backtest(outDir, "--costs", "none", "--price", "mid", "--param", "mode=longonly", "--units", "1000");
        Assert.True(r.ExitCode == 0, r.Error);
        // An independent loop: SMA(10)/SMA(30) of the mid close, sign changes against the last non-zero sign,
        // fills at the next bar's mid open, long-only, 1000 units.
        var bars = (await AlgoTrading.Data.Loaders.MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"))).Bars!;
        var mid = bars.Prices(AlgoTrading.Domain.PriceSource.Mid);
        var close = mid.Close.ToArray();
        double pnl = 0, entry = double.NaN;
        int lastSign = 0, trades = 0;
        for (int i = 29; i < bars.Count - 1; i++)
        {
            double fast = close[(i - 9)..(i + 1)].Average(), slow = close[(i - 29)..(i + 1)].Average();
            int sign = Math.Sign(fast - slow);
            if (sign == 0) continue;
            bool cross = lastSign != 0 && sign != lastSign;
            lastSign = sign;
            if (!cross) continue;
            if (sign > 0 && double.IsNaN(entry)) entry = mid.Open[i + 1];
            else if (sign < 0 && !double.IsNaN(entry)) { pnl += (mid.Open[i + 1] - entry) * 1000; entry = double.NaN; trades++; }
        }
        var rows = File.ReadAllLines(Path.Combine(outDir, "trades.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(trades, rows.Length);
        Assert.Equal(pnl, rows.Sum(x => double.Parse(x[6], System.Globalization.CultureInfo.InvariantCulture)), 6);
    }

    [Fact]
    public void A_yaml_config_composes_the_strategy_costs_and_risk()
    {
        var yaml = _project.File("run.yaml", "strategy: sma-cross\nparams: { fast: 10, slow: 30, mode: longshort, stop: 100 }\nunits: 20000\nslippage_pips: 0.5\nrisk: { max_units: 15000 }\n");
        var outDir = Path.Combine(_project.Path, "yaml");
        var r = Cli.Run(_project.Path, "backtest", "--data", SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"), "--config", yaml, "--out", outDir);
        Assert.True(r.ExitCode == 0, r.Error);
        var rows = File.ReadAllLines(Path.Combine(outDir, "trades.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, x => Assert.Equal(15_000, Math.Abs(double.Parse(x[5], System.Globalization.CultureInfo.InvariantCulture)))); // resized by risk
        Assert.All(rows, x => Assert.True(double.Parse(x[10], System.Globalization.CultureInfo.InvariantCulture) > 0));           // slippage recorded
        Assert.Contains(rows, x => x[13] == "exit:stop_loss");
        var bad = _project.File("bad.yaml", "strategy: sma-cross\nrisk: { max_unitz: 5 }\n");
        var e = Cli.Run(_project.Path, "backtest", "--data", SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"), "--config", bad, "--out", outDir);
        Assert.Contains("bad.yaml:2:", e.Error);
        Assert.Contains("risk.max_unitz: unknown key", e.Error);
    }

    [Fact]
    public void Bad_strategy_parameters_are_one_line_errors()
    {
        var r = Backtest(Path.Combine(_project.Path, "x"), "--param", "fats=5");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("sma-cross: unknown parameter(s) fats", r.Error);
        var s = Cli.Run(_project.Path, "backtest", "--data", SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"), "--strategy", "magic", "--out", "y");
        Assert.Contains("unknown strategy 'magic'", s.Error);
    }

    [Theory]
    [InlineData("--units", "NaN")]
    [InlineData("--units", "-5")]
    [InlineData("--cash", "0")]
    [InlineData("--cash", "Infinity")]
    public void Backtest_refuses_a_size_or_cash_that_is_not_positive_and_finite_with_one_line_and_exit_2(string option, string value)
    {
        var r = Cli.Run(_project.Path, "backtest", "--data", SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"), "--strategy", "sma-cross",
            option, value, "--out", Path.Combine(_project.Path, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {option} {value}: expected a positive finite number", r.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_project.Path, "out")));
    }
}
