using AlgoTrading.Risk.Rules;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The exposure rules of the pre-trade chain, each with numbers worked by hand. A USD account with
/// 100,000 equity; prices chosen exact in binary (1.125, 1.25, 0.875, 1/128) so floors are exact.
/// </summary>
public class RiskExposureTests
{
    private const double Equity = 100_000;
    private static readonly PortfolioSnapshot Account = new(Equity, Equity, 0, Equity, Equity, 1);

    private static ExposureSnapshot Book(params InstrumentExposure[] entries)
    {
        var book = new ExposureSnapshot("USD");
        foreach (var e in entries) book.Add(e);
        return book;
    }

    private static InstrumentExposure Held(string symbol, double filled, double price, double rate = 1, double working = 0, string? strategy = null, double margin = 0.03125) =>
        new(symbol, strategy, symbol[..^4], symbol[^3..], filled, working, price, rate, margin);

    // A request for `symbol` from flat (unless current is given) at `price`, converting quote to USD at `rate`.
    private static RiskRequest Ask(string symbol, double target, double price, double rate, ExposureSnapshot? book, double current = 0, string? strategy = null, double margin = 0.03125) =>
        new(new InstrumentContext(symbol, 0.0001, rate, 1), current, target, double.NaN, Account)
        {
            BaseCurrency = symbol[..^4], QuoteCurrency = symbol[^3..], Price = price, MarginRate = margin, Exposure = book, Strategy = strategy,
        };

    [Fact]
    public void EUR_USD_long_and_EUR_GBP_long_both_add_EUR()
    {
        var manager = new RiskManager(new RiskLimits { MaxCurrencyExposure = 0.25 }); // 25,000 USD of any currency
        // EUR_USD +8,000 at 1.125 is +9,000 USD of EUR. EUR_GBP at 0.875 with GBP at 1.25 USD: one EUR is 1.09375 USD.
        // 20,000 EUR_GBP adds 21,875 of EUR: 30,875 in all; the largest size is (25,000 - 9,000) / 1.09375 = 14,628.57 -> 14,628.
        var withEurUsd = manager.ReviewRequest(Ask("EUR_GBP", 20_000, 0.875, 1.25, Book(Held("EUR_USD", 8_000, 1.125))));
        Assert.Equal(14_628, withEurUsd.TargetUnits);
        Assert.Equal("max_currency_exposure: EUR exposure would be 30875.00 (0.31x equity 100000.00; limit 0.25x); 20000 units resized to 14628", withEurUsd.Reason);
        // Alone, 21,875 of EUR (and -21,875 of GBP) is inside the limit.
        var alone = manager.ReviewRequest(Ask("EUR_GBP", 20_000, 0.875, 1.25, Book()));
        Assert.Equal((20_000, null), (alone.TargetUnits, alone.Reason));
        // A short EUR_USD offsets EUR: -9,000 + 21,875 = 12,875.
        Assert.Null(manager.ReviewRequest(Ask("EUR_GBP", 20_000, 0.875, 1.25, Book(Held("EUR_USD", -8_000, 1.125)))).Reason);
    }

    [Fact]
    public void A_pending_order_counts_as_exposure()
    {
        var manager = new RiskManager(new RiskLimits { MaxCurrencyExposure = 0.25 });
        // Nothing filled on EUR_USD, but a working buy of 8,000: counted as if filled, the same 14,628 as above.
        var pending = manager.ReviewRequest(Ask("EUR_GBP", 20_000, 0.875, 1.25, Book(Held("EUR_USD", 0, 1.125, working: 8_000))));
        Assert.Equal(14_628, pending.TargetUnits);
        // Gross limits take the worse of filled and filled + working: +8,000 filled with a working sell of 8,000 still holds 9,000 USD.
        var gross = new RiskManager(new RiskLimits { MaxGrossLeverage = 0.25 });
        // 9,000 + 20,000 * 1.09375 = 30,875 > 25,000: resized to 14,628 again.
        Assert.Equal(14_628, gross.ReviewRequest(Ask("EUR_GBP", 20_000, 0.875, 1.25, Book(Held("EUR_USD", 8_000, 1.125, working: -8_000)))).TargetUnits);
    }

    [Fact]
    public void The_reviewed_instruments_own_entry_is_replaced_by_its_target()
    {
        var manager = new RiskManager(new RiskLimits { MaxCurrencyExposure = 0.25 });
        // The book already holds EUR_GBP +10,000 (the request's own entry): it is not added to the target of 20,000 (21,875 < 25,000).
        var book = Book(Held("EUR_GBP", 10_000, 0.875, 1.25));
        Assert.Null(manager.ReviewRequest(Ask("EUR_GBP", 20_000, 0.875, 1.25, book, current: 10_000)).Reason);
    }

    [Fact]
    public void Gross_and_net_leverage_caps()
    {
        // EUR_USD +32,000 at 1.125 = 36,000 long; GBP_USD -20,000 at 1.25 = 25,000 short. USD_JPY at 128: one unit is 128 / 128 = 1 USD.
        var book = Book(Held("EUR_USD", 32_000, 1.125), Held("GBP_USD", -20_000, 1.25));
        var gross = new RiskManager(new RiskLimits { MaxGrossLeverage = 1.0 });
        // Gross 36,000 + 25,000 + 60,000 = 121,000 > 100,000: 100,000 - 61,000 = 39,000 units.
        var g = gross.ReviewRequest(Ask("USD_JPY", 60_000, 128, 1.0 / 128, book));
        Assert.Equal(39_000, g.TargetUnits);
        Assert.Equal("max_gross_leverage: gross notional would be 121000.00 (1.21x equity 100000.00; limit 1.00x); 60000 units resized to 39000", g.Reason);

        var net = new RiskManager(new RiskLimits { MaxNetLeverage = 0.2 });
        // Net 36,000 - 25,000 = +11,000. Long: 11,000 + a <= 20,000 -> 9,000. Short: |11,000 - a| <= 20,000 -> 31,000.
        var longer = net.ReviewRequest(Ask("USD_JPY", 60_000, 128, 1.0 / 128, book));
        Assert.Equal(9_000, longer.TargetUnits);
        Assert.Equal("max_net_leverage: net notional would be 71000.00 (0.71x equity 100000.00; limit 0.20x); 60000 units resized to 9000", longer.Reason);
        Assert.Equal(-31_000, net.ReviewRequest(Ask("USD_JPY", -60_000, 128, 1.0 / 128, book)).TargetUnits);
    }

    [Fact]
    public void Margin_headroom()
    {
        // Margin held: 36,000 * 1/32 = 1,125 and 25,000 * 1/16 = 1,562.50: 2,687.50. A 75 % headroom lets margin use 25,000.
        var book = Book(Held("EUR_USD", 32_000, 1.125, margin: 0.03125), Held("GBP_USD", -20_000, 1.25, margin: 0.0625));
        var manager = new RiskManager(new RiskLimits { MinMarginHeadroom = 0.75 });
        // USD_JPY margin 1/32 of 1 USD a unit: (25,000 - 2,687.50) * 32 = 714,000 units.
        var d = manager.ReviewRequest(Ask("USD_JPY", 800_000, 128, 1.0 / 128, book, margin: 0.03125));
        Assert.Equal(714_000, d.TargetUnits);
        Assert.StartsWith("min_margin_headroom: margin would be 27687.50 of equity 100000.00, leaving 72.3", d.Reason);
        Assert.EndsWith("(limit 75.00%); 800000 units resized to 714000", d.Reason);
    }

    [Fact]
    public void Per_instrument_limits_in_units_and_leverage()
    {
        var manager = new RiskManager(new RiskLimits { Instruments = new() { ["EUR_USD"] = new() { MaxUnits = 50_000, MaxLeverage = 0.5 } } });
        // 80,000 -> 50,000 units (max_units) -> 50,000 USD / 1.25 = 40,000 units (max_leverage): the last resize names the rule that set the size.
        var d = manager.ReviewRequest(Ask("EUR_USD", 80_000, 1.25, 1, Book()));
        Assert.Equal(40_000, d.TargetUnits);
        Assert.StartsWith("instrument_limit: EUR_USD notional would be 62500.00", d.Reason);
        Assert.EndsWith("; 50000 units resized to 40000", d.Reason);
        // Units alone: a 45,000 target is only cut by the leverage cap; GBP_USD has no limits.
        Assert.Equal(-40_000, manager.ReviewRequest(Ask("EUR_USD", -45_000, 1.25, 1, Book())).TargetUnits);
        Assert.Null(manager.ReviewRequest(Ask("GBP_USD", 80_000, 1.25, 1, Book())).Reason);
    }

    [Fact]
    public void Per_strategy_limits_count_only_that_strategys_exposure()
    {
        var manager = new RiskManager(new RiskLimits { Strategies = new() { ["carry"] = new() { MaxLeverage = 0.5 } } });
        var book = Book(Held("EUR_USD", 20_000, 1.25, strategy: "carry"), Held("GBP_USD", 40_000, 1.25, strategy: "trend"));
        // carry holds 25,000; AUD_USD at 0.75: (50,000 - 25,000) / 0.75 = 33,333.3 -> 33,333 (trend's 50,000 is not carry's).
        var d = manager.ReviewRequest(Ask("AUD_USD", 50_000, 0.75, 1, book, strategy: "carry"));
        Assert.Equal(33_333, d.TargetUnits);
        Assert.StartsWith("strategy_limit: carry gross notional would be 62500.00", d.Reason);
        Assert.Null(manager.ReviewRequest(Ask("AUD_USD", 50_000, 0.75, 1, book, strategy: "trend")).Reason);
    }

    [Fact]
    public void Correlation_bucket_cap()
    {
        var limits = new RiskLimits { CorrelationBuckets = new() { ["usd_majors"] = new() { Instruments = ["EUR_USD", "GBP_USD"], MaxLeverage = 0.5 } } };
        var manager = new RiskManager(limits);
        var book = Book(Held("EUR_USD", 20_000, 1.25), Held("USD_JPY", 500_000, 128, 1.0 / 128));
        // The bucket holds 25,000 (USD_JPY is not in it); a GBP_USD short of 30,000 at 1.25 adds 37,500 gross: (50,000 - 25,000) / 1.25 = 20,000.
        var d = manager.ReviewRequest(Ask("GBP_USD", -30_000, 1.25, 1, book));
        Assert.Equal(-20_000, d.TargetUnits);
        Assert.StartsWith("correlation_bucket: usd_majors gross notional would be 62500.00 (", d.Reason);
        Assert.EndsWith("x equity 100000.00; limit 0.50x); 30000 units resized to 20000", d.Reason);
        Assert.Null(manager.ReviewRequest(Ask("AUD_USD", 30_000, 0.75, 1, book)).Reason);
    }

    [Fact]
    public void A_change_never_cuts_a_held_position_and_reductions_always_pass()
    {
        var manager = new RiskManager(new RiskLimits { MaxGrossLeverage = 1.0 });
        var book = Book(Held("GBP_USD", 100_000, 1.25)); // already 125,000 gross, over the 100,000 cap
        // Adding to EUR_USD +10,000 is refused down to the 10,000 held, not cut below it.
        var d = manager.ReviewRequest(Ask("EUR_USD", 20_000, 1.25, 1, book, current: 10_000));
        Assert.Equal(10_000, d.TargetUnits);
        Assert.StartsWith("max_gross_leverage", d.Reason);
        // Reducing passes untouched whatever the book.
        var reduce = manager.ReviewRequest(Ask("EUR_USD", 5_000, 1.25, 1, book, current: 10_000));
        Assert.Equal((5_000, null), (reduce.TargetUnits, reduce.Reason));
    }

    [Fact]
    public void Exposure_rules_refuse_when_the_caller_gives_no_exposure()
    {
        var manager = new RiskManager(new RiskLimits { MaxGrossLeverage = 1.0 });
        // The old entry carries no prices or exposure: the configured rule cannot judge, so it refuses and says why.
        var d = manager.Review(0, 1_000, double.NaN, Account, new InstrumentContext("EUR_USD", 0.0001, 1, 1));
        Assert.Equal(0, d.TargetUnits);
        Assert.Equal("max_gross_leverage: no exposure snapshot was given with the request", d.Reason);
        var noPrice = Book(Held("GBP_USD", 1_000, double.NaN));
        Assert.Equal("max_gross_leverage: no price or quote-to-account rate for GBP_USD", manager.ReviewRequest(Ask("EUR_USD", 1_000, 1.25, 1, noPrice)).Reason);
    }

    [Theory]
    [InlineData(0, 1, 100, 1_000, 0, 100)]        // |0 + a| <= 100
    [InlineData(40, 1, 100, 1_000, 0, 60)]        // 40 + a <= 100
    [InlineData(40, -1, 100, 1_000, 0, 140)]      // |40 - a| <= 100: a <= 140
    [InlineData(150, 1, 100, 1_000, 20, 20)]      // over the cap already: no size helps, keep the 20 held
    [InlineData(0, 0.3, 100, 1_000, 0, 333)]      // 333.3 floored to whole units
    [InlineData(0, 1, 100, 50, 0, 50)]            // fits: unchanged
    public void The_cap_arithmetic(double others, double perUnit, double cap, double allowed, double floor, double expected) =>
        Assert.Equal(expected, ExposureCap.Largest(others, perUnit, cap, allowed, floor));
}
