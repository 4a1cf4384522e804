using AlgoTrading.Configuration;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;
using AlgoTrading.Runner.Commands;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

/// <summary>Bad values, names, files and YAML, each worked by hand: what is caught, where, and with which message and exit code.</summary>
public class BadInputTests
{
    private static DateTime T(int minute) => Utc(2024, 1, 2, 10, minute);

    private static BarSeries TradeBars(params (double O, double H, double L, double C, double V)[] rows)
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        for (int i = 0; i < rows.Length; i++) b.AddTrade(T(i).Ticks, rows[i].O, rows[i].H, rows[i].L, rows[i].C, rows[i].V, sourceLine: i + 2);
        return b.Build("X", BarPeriod.M1);
    }

    private static readonly ValidationOptions Drop = new() { Policy = ValidationPolicy.Drop };

    [Theory]
    [InlineData(double.PositiveInfinity, "non_finite_price", "high")]
    [InlineData(1e30, "implausible_price", "high")]      // above MaxPrice
    [InlineData(4.5, "implausible_price", "high")]       // 4.5 / previous close 1.1 > MaxJump 4
    public void An_absurd_high_is_caught_although_high_is_still_the_highest_price(double high, string issue, string field)
    {
        var bars = TradeBars((1, 1.2, 0.9, 1.1, 5), (1.1, high, 1.0, 1.1, 5), (1.1, 1.2, 1.0, 1.1, 5));
        var (clean, report) = MarketDataValidator.Validate(bars, Drop, "p.csv");
        Assert.Equal(2, clean.Count);
        Assert.Equal(issue, Assert.Single(report.CountsByReason).Key);
        var e = Assert.Throws<DataValidationException>(() => MarketDataValidator.Validate(bars, new ValidationOptions(), "p.csv"));
        Assert.StartsWith($"p.csv:3: {field}: ", e.Message);
    }

    [Fact]
    public void A_tiny_low_and_a_first_row_far_from_its_own_close_are_implausible()
    {
        // 1e-308 is positive, so the non-positive check passes it; the plausible band (MinPrice 1e-8) does not.
        var tiny = TradeBars((1, 1.2, 0.9, 1.1, 5), (1.1, 1.2, 1e-308, 1.1, 5));
        Assert.Equal([3], MarketDataValidator.Validate(tiny, Drop).Report.Rows[ValidationIssue.ImplausiblePrice]);
        // First row: no previous close, so its prices are judged against each other: open 10 vs close 1.1 is beyond 4x.
        var first = TradeBars((10, 10, 0.9, 1.1, 5), (1.1, 1.2, 1.0, 1.1, 5));
        var (clean, report) = MarketDataValidator.Validate(first, Drop);
        Assert.Equal([2], report.Rows[ValidationIssue.ImplausiblePrice]);
        Assert.Equal(1.1, clean.Trade!.Close[0]);
    }

    [Fact]
    public void A_threefold_move_is_plausible_under_the_default_and_implausible_under_a_tighter_max_jump()
    {
        var bars = TradeBars((1, 1.2, 0.9, 1.0, 5), (3.0, 3.1, 2.9, 3.0, 5));
        Assert.True(MarketDataValidator.Validate(bars, Drop).Report.IsClean);
        Assert.Equal([3], MarketDataValidator.Validate(bars, Drop with { MaxJump = 2 }).Report.Rows[ValidationIssue.ImplausiblePrice]);
    }

    [Fact]
    public void A_kept_implausible_row_is_not_the_reference_for_the_next_one()
    {
        // Report-only keeps row 3 (close 1e6 is within MaxPrice but 1e6 / 1.1 is far beyond 4x); row 4 is
        // judged against row 2's close, so it is clean, not a second "jump" back down.
        var bars = TradeBars((1, 1.2, 0.9, 1.1, 5), (1e6, 1e6, 1e6, 1e6, 5), (1.1, 1.2, 1.0, 1.1, 5));
        var report = MarketDataValidator.Validate(bars, ValidationOptions.ReportOnly).Report;
        Assert.Equal([3], report.Rows[ValidationIssue.ImplausiblePrice]);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-5.0)]
    public void A_bad_volume_is_named(double volume)
    {
        var bars = TradeBars((1, 1.2, 0.9, 1.1, 5), (1, 1.2, 0.9, 1.1, volume));
        var e = Assert.Throws<DataValidationException>(() => MarketDataValidator.Validate(bars, new ValidationOptions(), "v.csv"));
        Assert.StartsWith("v.csv:3: volume: the volume is NaN, infinite or negative (bad_volume", e.Message);
        Assert.Equal(1, MarketDataValidator.Validate(bars, Drop).Clean.Count);
    }

    [Fact]
    public void Ticks_with_an_infinite_or_absurd_side_are_caught()
    {
        var b = new TickSeriesBuilder();
        b.Add(T(0).Ticks, 1.10, 1.11, 2);
        b.Add(T(1).Ticks, 1.10, double.PositiveInfinity, 3);
        b.Add(T(2).Ticks, 1e30, 1e30, 4);
        b.Add(T(3).Ticks, 1.10, 1.11, 5);
        var report = MarketDataValidator.Validate(b.Build("X"), Drop).Report;
        Assert.Equal([3], report.Rows[ValidationIssue.NonFinitePrice]);
        Assert.Equal([4], report.Rows[ValidationIssue.ImplausiblePrice]);
        Assert.Equal(2, report.RowsOut);
    }

    [Theory]
    [InlineData("time_utc,open,high,low,close,volume\n2024-01-02 10:00:00,1,1.2,0.9,1.1,5\n2024-01-02 10:01:00,1,1.2,0.9,1.1,5,7\n", 3, "has 7 fields, the header has 6")]
    [InlineData("time_utc,open,high,low,close,volume\n2024-01-02 10:00:00,1,1.2,0.9,1.1,5\n2024-01-02 10:01:00,1,1.2,0.9,1.1\n", 3, "has 5 fields")]
    [InlineData("2024.01.02,10:00,1,1.2,0.9,1.1,5\n2024.01.02,10:01,1,1.2,0.9,1.1,5,9\n", 2, "has 8 fields, the first record has 7")]
    public async Task A_record_with_an_extra_or_missing_field_is_an_error_at_its_line(string text, int line, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.File("x.csv", text);
        var e = await Assert.ThrowsAsync<MarketDataFormatException>(() => MarketDataReader.LoadAsync(path));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: {problem}", e.Message);
    }

    [Fact]
    public async Task A_bad_header_or_an_unreadable_parquet_file_is_bad_data_naming_the_file()
    {
        using var dir = new TempDirectory();
        var header = dir.File("h.csv", "time_mars,open,high,low,close\n2024-01-02 10:00:00,1,1.2,0.9,1.1\n");
        var e = await Assert.ThrowsAsync<MarketDataFormatException>(() => MarketDataReader.LoadAsync(header));
        Assert.StartsWith($"{header}:1: ", e.Message);
        Assert.Equal(CliErrors.BadInput, CliErrors.Classify(e).ExitCode);

        var parquet = dir.File("p.parquet", "PAR1 this is not parquet");
        var p = await Assert.ThrowsAsync<MarketDataFormatException>(() => MarketDataReader.LoadAsync(parquet));
        Assert.Equal($"{parquet}: not a readable Parquet file (truncated, corrupted or not Parquet)", p.Message);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData(" forex")]
    [InlineData(".hidden")]
    public void Store_names_from_users_never_lead_outside_the_store(string name)
    {
        var store = new MarketDataStore("/tmp/store");
        Assert.Contains("must be a plain name", Assert.Throws<ArgumentException>(() => store.FolderOf(name, "EUR_USD", BarPeriod.M1)).Message);
        Assert.Contains("instrument", Assert.Throws<ArgumentException>(() => store.FolderOf("forex", name, BarPeriod.M1)).Message);
        Assert.Equal(Path.Combine("/tmp/store", "forex", "EUR_USD", "M1"), store.FolderOf("forex", "EUR_USD", BarPeriod.M1));
    }

    [Fact]
    public void Cli_errors_are_one_line_with_the_exit_code_of_their_kind()
    {
        Assert.Equal((2, "error: --policy x: expected fail"), CliErrors.Classify(new ArgumentException("--policy x: expected fail", "policy")));
        Assert.Equal((1, "error: f.csv:3: ask: 'x' is not a number"), CliErrors.Classify(new AggregateException(new MarketDataFormatException("f.csv", 3, "ask", "'x' is not a number"))));
        Assert.Equal((1, "error: a b"), CliErrors.Classify(new IOException("a\r\n b")));
        var (code, line) = CliErrors.Classify(new NullReferenceException());
        Assert.Equal(1, code);
        Assert.StartsWith("error: internal error (NullReferenceException)", line);
    }

    [Fact]
    public void Option_values_the_commands_cannot_use_are_bad_usage()
    {
        Assert.Equal("f.parquet", OptionParsing.OutputFile("f.parquet", "--out", ".csv", ".parquet"));
        Assert.Equal("--out f.xlsx: expected a .csv or .parquet file", Assert.Throws<ArgumentException>(() => OptionParsing.OutputFile("f.xlsx", "--out", ".csv", ".parquet")).Message);
        Assert.Throws<ArgumentException>(() => OptionParsing.OutputFile("r.txt", "--out", ".csv", ".parquet"));
        Assert.Throws<ArgumentException>(() => OptionParsing.Validation("sometimes"));
        Assert.Equal(ValidationPolicy.Repair, OptionParsing.Validation("repair").Policy);
        Assert.Throws<ArgumentException>(() => OptionParsing.Above(double.NaN, 1, "--max-jump"));
        Assert.Throws<ArgumentException>(() => OptionParsing.Above(0.5, 1, "--max-jump"));
        Assert.Equal(3.0, OptionParsing.Above(3.0, 1, "--max-jump"));
    }

    // ---------------------------------------------------------------- YAML

    private static ModelOptions BindModel(string yaml) => YamlBinder.Bind<ModelOptions>(new StringReader(yaml), "model_config.yaml");

    [Theory]
    [InlineData("")]
    [InlineData("null\n")]
    [InlineData("~\n")]
    [InlineData("---\n")]
    [InlineData("# nothing configured yet\n")]
    public void An_empty_or_null_model_config_means_the_defaults(string yaml)
    {
        var model = BindModel(yaml);
        Assert.Equal(new ModelOptions().FeatureSets.Count, model.FeatureSets.Count);
        Assert.Empty(model.FeatureSets);
    }

    [Fact]
    public void A_quoted_null_is_a_string_not_the_defaults()
    {
        var e = Assert.Throws<ConfigurationException>(() => BindModel("'null'\n"));
        Assert.Contains("expected a mapping", e.Message);
    }

    [Fact]
    public void An_alias_expansion_bomb_fails_at_once_naming_the_file()
    {
        // Nine levels of nine aliases: 9^9 (387 million) values once expanded, from 80 aliases in 1 KB.
        var yaml = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++)
            yaml.Append($"a{level}: &a{level} [{string.Join(", ", Enumerable.Repeat($"*a{level - 1}", 9))}]\n");
        var e = Assert.Throws<ConfigurationException>(() => BindModel(yaml.ToString()));
        Assert.StartsWith("model_config.yaml:1:1: (root): aliases expand the document to more than 100,000 values", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Too_many_aliases_or_too_large_a_document_fail_naming_the_file()
    {
        var many = "a: &a x\nb: [" + string.Join(", ", Enumerable.Repeat("*a", YamlBinder.MaxAliases + 1)) + "]\n";
        var e = Assert.Throws<ConfigurationException>(() => BindModel(many));
        Assert.Matches(@"^model_config\.yaml:2:\d+: \(root\): more than 1,000 aliases", e.Message);

        var large = "# " + new string('x', YamlBinder.MaxDocumentChars) + "\n";
        Assert.StartsWith("model_config.yaml: (root): the file is larger than", Assert.Throws<ConfigurationException>(() => BindModel(large)).Message);
    }

    [Fact]
    public void A_deeply_nested_document_is_a_config_error_not_a_stack_overflow()
    {
        // Half a megabyte of '[' is a small file; built as a tree recursively it would end the process.
        var e = Assert.Throws<ConfigurationException>(() => BindModel("a: " + new string('[', 500_000) + "\n"));
        Assert.Matches(@"^model_config\.yaml:1:\d+: \(root\): nested more than 200 levels deep$", e.Message);
        // Moderate nesting is not refused for its depth (this one fails later, for its unknown key).
        var shallow = Assert.Throws<ConfigurationException>(() => BindModel("a: " + new string('[', 150) + new string(']', 150) + "\n"));
        Assert.DoesNotContain("nested", shallow.Message);
    }

    [Fact]
    public void A_few_aliases_still_bind()
    {
        var model = BindModel("""
            feature_sets:
              a: &set { price: mid, volatility: [5, 20] }
              b: *set
            """);
        Assert.Equal(2, model.FeatureSets.Count);
    }

    [Theory]
    [InlineData("feature_sets:\n  mine:\n    indicators: [{ name: rsx }]\n", "model_config.yaml:3:5: feature_sets.mine.indicators[0]: ")]
    [InlineData("feature_sets:\n  mine:\n    volatility: [20]\n    lags: [{ column: rsi_14, lags: [1] }]\n", "model_config.yaml:3:5: feature_sets.mine.lags[0]: refers to column 'rsi_14'")]
    [InlineData("feature_sets:\n  mine: {}\n", "model_config.yaml:2:9: feature_sets.mine: defines no features")]
    public void A_feature_set_mistake_in_model_config_names_file_line_and_key_when_the_file_is_read(string yaml, string start)
    {
        var e = Assert.Throws<ConfigurationException>(() => BindModel(yaml));
        Assert.StartsWith(start, e.Message);
        Assert.Equal(CliErrors.BadInput, CliErrors.Classify(e).ExitCode);
    }

    [Theory]
    [InlineData("feature_sets:\n  s:\n    price: &x\n    volatility: [5]\n")]
    [InlineData("feature_sets:\n  s:\n    price: - item\n")]
    [InlineData("feature_sets:\n  s:\n    price: *undefined\n")]
    public void Yaml_the_parser_itself_chokes_on_is_a_config_error_with_a_position(string yaml)
    {
        var e = Assert.Throws<ConfigurationException>(() => BindModel(yaml));
        Assert.Matches(@"^model_config\.yaml:[1-9]\d*:\d+: ", e.Message);
        Assert.DoesNotContain("Operation is not valid", e.Message);
    }
}
