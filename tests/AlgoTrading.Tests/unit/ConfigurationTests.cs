using AlgoTrading.Configuration;
using AlgoTrading.Data;

namespace AlgoTrading.Tests.Unit;

public class ConfigurationTests
{
    private static T Bind<T>(string yaml) where T : class, new() => YamlBinder.Bind<T>(new StringReader(yaml), "test.yaml");

    private static string Error<T>(string yaml) where T : class, new() =>
        Assert.Throws<ConfigurationException>(() => Bind<T>(yaml)).Message;

    private const string Instrument = """
        sessions:
          fx: { time_zone: America/New_York, week_open: Sun 17:00, week_close: Fri 17:00, day_end: "17:00" }
        instruments:
          EUR_USD:
            asset_class: forex
            base_currency: EUR
            quote_currency: USD
            pip_location: -4
            display_precision: 5
            session: fx
        """;

    [Fact]
    public void The_repository_config_files_load_and_validate()
    {
        var dir = FindConfig();
        var config = AlgoTradingConfiguration.Load(dir);
        Assert.Equal(BrokerEnvironment.Practice, config.System.Broker.Environment);
        Assert.False(config.System.Broker.ConfirmLive);
        Assert.Equal("USD", config.System.Account.Currency);
        foreach (var symbol in new[] { "EUR_USD", "GBP_USD", "USD_JPY", "EUR_GBP", "NZD_USD", "SPX500_USD", "NAS100_USD", "DE30_EUR" })
            Assert.True(config.Market.Instruments.ContainsKey(symbol), symbol);
        Assert.Equal(0.01, config.Market.Instruments["USD_JPY"].PipSize, 12);
        Assert.Equal("fx", config.Market.SessionOf("EUR_USD").Name);
    }

    [Fact]
    public void Valid_instrument_binds_with_defaults()
    {
        var m = Bind<MarketOptions>(Instrument);
        var eur = m.Instruments["EUR_USD"];
        Assert.Equal(AssetClass.Forex, eur.AssetClass);
        Assert.Equal(-4, eur.PipLocation);
        Assert.Equal(100_000, eur.LotSize);
    }

    [Fact]
    public void Unknown_key_names_file_line_path_and_the_keys_expected()
    {
        var msg = Error<MarketOptions>(Instrument + "\n    pip_locaton: -4\n");
        Assert.StartsWith("test.yaml:11:5: instruments.EUR_USD.pip_locaton: unknown key", msg);
        Assert.Contains("pip_location", msg);
    }

    [Fact]
    public void Wrong_type_says_what_was_expected()
    {
        var msg = Error<MarketOptions>(Instrument.Replace("pip_location: -4", "pip_location: four"));
        Assert.Contains("instruments.EUR_USD.pip_location: expected an integer, got 'four'", msg);
        Assert.Contains("test.yaml:8:19:", msg);
    }

    [Fact]
    public void Out_of_range_value_gives_the_range()
    {
        var msg = Error<MarketOptions>(Instrument + "\n    margin_rate: 1.5\n");
        Assert.Contains("instruments.EUR_USD.margin_rate: 1.5 is out of range; expected a value from 0 to 1", msg);
    }

    [Fact]
    public void Missing_required_value_is_named()
    {
        var msg = Error<MarketOptions>(Instrument.Replace("    session: fx\n", "").Replace("    session: fx", ""));
        Assert.Contains("instruments.EUR_USD.session: is required", msg);
    }

    [Fact]
    public void Bad_enum_lists_the_choices()
    {
        var msg = Error<MarketOptions>(Instrument.Replace("asset_class: forex", "asset_class: crypto"));
        Assert.Contains("expected one of forex, index_cfd, equity, metal, got 'crypto'", msg);
    }

    [Fact]
    public void Undefined_session_reference_is_caught()
    {
        var msg = Error<MarketOptions>(Instrument.Replace("session: fx", "session: tokyo"));
        Assert.Contains("instruments.EUR_USD.session: 'tokyo' is not defined under sessions", msg);
    }

    [Fact]
    public void Bad_session_times_are_named()
    {
        Assert.Contains("sessions.fx.week_open", Error<MarketOptions>(Instrument.Replace("week_open: Sun 17:00", "week_open: Someday 17:00")));
        Assert.Contains("sessions.fx.time_zone", Error<MarketOptions>(Instrument.Replace("America/New_York", "Mars/Olympus")));
    }

    [Fact]
    public void System_rules_across_fields_and_patterns_are_checked()
    {
        Assert.Contains("broker.confirm_live", Error<SystemOptions>("broker:\n  confirm_live: true\n"));
        Assert.Contains("account.currency: 'usd' does not match", Error<SystemOptions>("account:\n  currency: usd\n"));
        Assert.Contains("broker.timeout_seconds: 0 is out of range", Error<SystemOptions>("broker:\n  timeout_seconds: 0\n"));
        Assert.Contains("logging.level: expected one of debug, information, warning, error", Error<SystemOptions>("logging:\n  level: loud\n"));
    }

    [Fact]
    public void Malformed_yaml_gives_the_position()
    {
        var msg = Error<SystemOptions>("paths:\n  data: [unclosed\n");
        Assert.Contains("test.yaml:", msg);
        Assert.Contains("not valid YAML", msg);
    }

    [Fact]
    public void Missing_file_is_named() =>
        Assert.Contains("nope.yaml", Assert.Throws<ConfigurationException>(() => YamlBinder.BindFile<SystemOptions>("nope.yaml")).Message);

    [Fact]
    public void Model_config_binds_feature_sets_and_models_strictly()
    {
        var m = Bind<ModelOptions>("feature_sets:\n  mine:\n    price: bid\n    indicators: [{ name: rsi, params: [14] }]\n    rolling: [{ column: rsi_14, window: 20, stats: [zscore] }]\n" +
            "models:\n  fast_trees:\n    kind: lightgbm\n    params: { trees: 50, learning_rate: 0.1 }\n    search: { num_leaves: [8, 64], learning_rate: [0.01, 0.2] }\n");
        Assert.Equal("lightgbm", m.Models["fast_trees"].Kind);
        Assert.Equal("50", m.Models["fast_trees"].Params["trees"]);
        Assert.Equal([0.01, 0.2], m.Models["fast_trees"].Search["learning_rate"]);
        Assert.Contains("models.lgbm", Error<ModelOptions>("models:\n  lgbm: { leaves: 31 }\n"));
        Assert.Equal(AlgoTrading.Domain.PriceSource.Bid, m.FeatureSets["mine"].Price);
        Assert.Equal("rsi", m.FeatureSets["mine"].Indicators[0].Name);
        Assert.Equal(AlgoTrading.Features.Sets.RollingStatistic.Zscore, m.FeatureSets["mine"].Rolling[0].Stats[0]);
        Assert.Contains("feature_sets.mine.rolling[0].stats[0]: expected one of mean, std, zscore, min, max, rank, got 'median'",
            Error<ModelOptions>("feature_sets:\n  mine:\n    rolling: [{ column: x, window: 20, stats: [median] }]\n"));
        Assert.Contains("feature_sets.mine.calendar[0]: 'month' is not a calendar feature",
            Error<ModelOptions>("feature_sets:\n  mine:\n    calendar: [month]\n"));
    }

    internal static string FindConfig()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "config", "market_config.yaml"))) return Path.Combine(d.FullName, "config");
        throw new DirectoryNotFoundException("config/ not found above the test binaries");
    }
}
