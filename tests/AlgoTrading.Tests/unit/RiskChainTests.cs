using AlgoTrading.Configuration;

namespace AlgoTrading.Tests.Unit;

/// <summary>The pre-trade chain itself: rule order, refusals stop it, resizes pass the smaller size on, extra rules, and the YAML binding of the limits.</summary>
public class RiskChainTests
{
    private static readonly PortfolioSnapshot Account = new(100_000, 100_000, 0, 100_000, 100_000, 0);
    private static readonly InstrumentContext Eur = new("EUR_USD", 0.0001, 1, 1);

    private sealed class CountingRule(RiskRuleResult answer) : IRiskRule
    {
        public int Calls;
        public string Name => "counting";
        public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
        {
            Calls++;
            (LastAllowed, LastFloor) = (allowed, floor);
            return answer;
        }
        public double LastAllowed, LastFloor;
    }

    [Fact]
    public void Rules_run_in_the_documented_order_and_only_when_configured()
    {
        Assert.Empty(new RiskManager(new RiskLimits()).Rules);
        var all = new RiskLimits
        {
            MaxUnits = 1, MaxRiskPerTrade = 0.1, MaxOpenPositions = 1, MaxDailyLoss = 0.1, MaxDrawdown = 0.1, MaxCurrencyExposure = 1, MaxGrossLeverage = 1,
            MaxNetLeverage = 1, MinMarginHeadroom = 0.1, MaxOrdersPerWindow = 1, MaxPriceAgeSeconds = 1, MaxConsecutiveRejects = 1, MaxDisconnectSeconds = 1,
            Instruments = new() { ["EUR_USD"] = new() { MaxUnits = 1 } }, Strategies = new() { ["s"] = new() { MaxLeverage = 1 } },
            CorrelationBuckets = new() { ["b"] = new() { Instruments = ["EUR_USD"], MaxLeverage = 1 } },
        };
        Assert.Equal(["max_drawdown", "max_daily_loss", "broker_disconnected", "stale_prices", "order_rate", "repeated_rejects", "max_open_positions",
            "max_units", "max_risk_per_trade", "instrument_limit", "strategy_limit", "correlation_bucket", "max_currency_exposure", "max_gross_leverage",
            "max_net_leverage", "min_margin_headroom"], new RiskManager(all).Rules);
    }

    [Fact]
    public void A_resize_passes_the_smaller_size_on_and_a_refusal_stops_the_chain()
    {
        var after = new CountingRule(RiskRuleResult.Pass);
        // max_units cuts 3,000 to 2,000; max_risk_per_trade: 1 % of 100,000 at a 0.5 stop is 2,000 units: no further cut.
        var manager = new RiskManager(new RiskLimits { MaxUnits = 2_000, MaxRiskPerTrade = 0.01 }, extraRules: [after]);
        var d = manager.Review(0, -3_000, 0.5, Account, Eur);
        Assert.Equal((-2_000, "max_units: 3000 units resized to 2000"), (d.TargetUnits, d.Reason));
        Assert.Equal((2_000, 0), (after.LastAllowed, after.LastFloor));

        var refusing = new CountingRule(RiskRuleResult.Refuse("counting: no"));
        var last = new CountingRule(RiskRuleResult.Pass);
        var stopped = new RiskManager(new RiskLimits(), extraRules: [refusing, last]);
        // A reversal from +500 to -1,000 that is refused is allowed to close: flat, not +500.
        var reversal = stopped.Review(500, -1_000, double.NaN, Account, Eur);
        Assert.Equal((0, "counting: no"), (reversal.TargetUnits, reversal.Reason));
        // An increase that is refused keeps the position.
        Assert.Equal(500, stopped.Review(500, 1_000, double.NaN, Account, Eur).TargetUnits);
        Assert.Equal((2, 0), (refusing.Calls, last.Calls));
        // Reductions never reach the rules.
        Assert.Equal(200, stopped.Review(500, 200, double.NaN, Account, Eur).TargetUnits);
        Assert.Equal(2, refusing.Calls);
    }

    [Fact]
    public void The_old_entry_and_the_request_give_the_same_decision()
    {
        var limits = new RiskLimits { MaxUnits = 150_000, MaxRiskPerTrade = 0.01, MaxOpenPositions = 2, MaxDailyLoss = 0.02, MaxDrawdown = 0.25 };
        var portfolio = new PortfolioSnapshot(99_000, 99_000, 0, 100_000, 100_000, 1);
        // 1 % of 99,000 = 990 USD at a 30-pip stop: 330,000 units; max_units first cuts 400,000 to 150,000, which risks 450 < 990.
        var old = new RiskManager(limits).Review(0, 400_000, 0.0030, portfolio, Eur);
        var request = new RiskManager(limits).ReviewRequest(new RiskRequest(Eur, 0, 400_000, 0.0030, portfolio));
        Assert.Equal(old, request);
        Assert.Equal((150_000, "max_units: 400000 units resized to 150000"), (request.TargetUnits, request.Reason));
    }

    [Fact]
    public void Max_units_cuts_at_the_limit_exactly()
    {
        var manager = new RiskManager(new RiskLimits { MaxUnits = 2_000 });
        Assert.Equal(new RiskDecision(2_000, "max_units: 2001 units resized to 2000"), manager.Review(0, 2_001, double.NaN, Account, Eur));
        Assert.Equal(new RiskDecision(-2_000, null), manager.Review(-500, -2_000, double.NaN, Account, Eur));
    }

    [Fact]
    public void Max_open_positions_refuses_only_a_new_position()
    {
        var manager = new RiskManager(new RiskLimits { MaxOpenPositions = 2 });
        var two = Account with { OpenPositions = 2 };
        var d = manager.Review(0, 1_000, double.NaN, two, Eur);
        Assert.Equal((0, "max_open_positions: 2 open (limit 2)"), (d.TargetUnits, d.Reason));
        Assert.Null(manager.Review(0, 1_000, double.NaN, Account with { OpenPositions = 1 }, Eur).Reason);
        Assert.Null(manager.Review(500, 1_000, double.NaN, two, Eur).Reason); // adding to a held position opens none
    }

    [Fact]
    public void The_yaml_risk_section_binds_every_limit_and_names_a_wrong_key()
    {
        const string yaml = """
            risk:
              max_units: 50000
              max_currency_exposure: 3
              max_gross_leverage: 10
              max_net_leverage: 5
              min_margin_headroom: 0.5
              max_orders_per_window: 20
              order_rate_window_seconds: 30
              max_price_age_seconds: 120
              max_consecutive_rejects: 3
              max_disconnect_seconds: 300
              instruments: { EUR_USD: { max_units: 100000, max_leverage: 4 } }
              strategies: { sma-cross: { max_leverage: 6 } }
              correlation_buckets:
                usd_majors: { instruments: [EUR_USD, GBP_USD], max_leverage: 5 }
            """;
        var risk = YamlBinder.Bind<BacktestConfigFile>(new StringReader(yaml), "run.yaml").Risk;
        Assert.Equal((50_000, 3, 10, 5, 0.5, 20, 30, 120, 3, 300), (risk.MaxUnits, risk.MaxCurrencyExposure, risk.MaxGrossLeverage, risk.MaxNetLeverage, risk.MinMarginHeadroom,
            risk.MaxOrdersPerWindow, risk.OrderRateWindowSeconds, risk.MaxPriceAgeSeconds, risk.MaxConsecutiveRejects, risk.MaxDisconnectSeconds));
        Assert.Equal((100_000, 4), (risk.Instruments["EUR_USD"].MaxUnits, risk.Instruments["EUR_USD"].MaxLeverage));
        Assert.Equal(6, risk.Strategies["sma-cross"].MaxLeverage);
        Assert.Equal(["EUR_USD", "GBP_USD"], risk.CorrelationBuckets["usd_majors"].Instruments);
        Assert.Null(risk.MaxDrawdown);

        string Error(string text) => Assert.Throws<ConfigurationException>(() => YamlBinder.Bind<BacktestConfigFile>(new StringReader(text), "run.yaml")).Message;
        Assert.Contains("risk.correlation_buckets.usd_majors.max_leverag: unknown key", Error("risk:\n  correlation_buckets:\n    usd_majors: { instruments: [EUR_USD], max_leverag: 5 }\n"));
        Assert.Contains("risk.correlation_buckets.usd_majors.max_leverage: is required", Error("risk:\n  correlation_buckets:\n    usd_majors: { instruments: [EUR_USD] }\n"));
        Assert.Contains("risk.min_margin_headroom: 2 is out of range", Error("risk: { min_margin_headroom: 2 }\n"));
    }
}
