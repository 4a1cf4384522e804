using AlgoTrading.Configuration;

namespace AlgoTrading.Tests.Unit;

/// <summary>The risk day follows the instrument's session; the risk state survives an export and a restore.</summary>
public class RiskStateTests
{
    private static readonly InstrumentContext Eur = new("EUR_USD", 0.0001, 1, 1);

    [Fact]
    public void The_trading_day_ends_where_the_instruments_session_says()
    {
        var market = AlgoTradingConfiguration.Load(ConfigurationTests.FindConfig()).Market;
        long noon = Utc(2024, 1, 2, 12).Ticks;
        // FX: 17:00 New York = 22:00 UTC in January. DAX CFD: midnight Frankfurt = 23:00 UTC.
        Assert.Equal(Utc(2024, 1, 1, 22).Ticks, new RiskManager(new RiskLimits(), market.SessionOf("EUR_USD")).DayOf(noon));
        Assert.Equal(Utc(2024, 1, 1, 22).Ticks, new RiskManager(new RiskLimits()).DayOf(noon));
        Assert.Equal(Utc(2024, 1, 1, 23).Ticks, new RiskManager(new RiskLimits(), market.SessionOf("DE30_EUR")).DayOf(noon));
        // 22:30 UTC is already the next FX day but still the same DAX day.
        long late = Utc(2024, 1, 2, 22, 30).Ticks;
        Assert.Equal(Utc(2024, 1, 2, 22).Ticks, new RiskManager(new RiskLimits()).DayOf(late));
        Assert.Equal(Utc(2024, 1, 1, 23).Ticks, new RiskManager(new RiskLimits(), market.SessionOf("DE30_EUR")).DayOf(late));
    }

    [Fact]
    public void A_tripped_drawdown_breaker_and_the_day_survive_export_and_restore()
    {
        var limits = new RiskLimits { MaxDrawdown = 0.10, MaxDailyLoss = 0.05 };
        var before = new RiskManager(limits);
        before.StartDay(Utc(2024, 1, 1, 22).Ticks, 100_000);
        before.Observe(100_000);
        before.Observe(120_000);
        // 105,000 is 12.5 % below the 120,000 peak: entries are refused from now on.
        Assert.Equal(0, before.Review(0, 1_000, double.NaN, new PortfolioSnapshot(105_000, 105_000, 0, before.PeakEquity, before.DayStartEquity, 0), Eur).TargetUnits);
        var state = before.Export();
        Assert.Equal(new RiskState(Utc(2024, 1, 1, 22).Ticks, 100_000, 120_000, true)
        {
            Breakers = [new BreakerState("max_drawdown", true, long.MinValue, "max_drawdown: equity 105000.00 is 12.50% below its peak 120000.00 (limit 10.00%)"),
                new BreakerState("max_daily_loss", false, long.MinValue, null)],
        }, state);

        var after = new RiskManager(limits);
        after.Restore(state);
        Assert.Equal(state, after.Export());
        // Equity back at 119,000 (under 1 % drawdown): a restored breaker stays tripped, a fresh one would not be.
        var recovered = new PortfolioSnapshot(119_000, 119_000, 0, 120_000, 119_000, 0);
        Assert.StartsWith("max_drawdown", after.Review(0, 1_000, double.NaN, recovered, Eur).Reason);
        Assert.Null(new RiskManager(limits).Review(0, 1_000, double.NaN, recovered, Eur).Reason);
    }
}
