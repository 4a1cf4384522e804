using System.Text.Json;

namespace AlgoTrading.Tests.Unit;

/// <summary>The circuit breakers: each trips on its own evidence, refuses entries with a reason, persists across Export/Restore and resets when its rule says.</summary>
public class RiskBreakerTests
{
    private static readonly long T0 = Utc(2024, 1, 2, 12).Ticks;
    private static readonly PortfolioSnapshot Account = new(100_000, 100_000, 0, 100_000, 100_000, 0);
    private static long Seconds(double s) => (long)(s * TimeSpan.TicksPerSecond);

    private static RiskRequest Entry(long time, long priceTime = long.MinValue) =>
        new(new InstrumentContext("EUR_USD", 0.0001, 1, 1), 0, 1_000, double.NaN, Account) { Time = time, PriceTime = priceTime == long.MinValue ? time : priceTime };

    private static RiskManager Restarted(RiskManager before)
    {
        var after = new RiskManager(before.Limits);
        after.Restore(before.Export());
        return after;
    }

    [Fact]
    public void Order_rate_trips_on_one_order_more_than_the_limit_inside_the_window_and_resets_on_a_new_day()
    {
        var manager = new RiskManager(new RiskLimits { MaxOrdersPerWindow = 3, OrderRateWindowSeconds = 60 });
        // Four orders 30 s apart: never four inside 60 s (the fourth is 90 s after the first).
        foreach (var s in new[] { 0, 30, 61, 92 }) manager.RecordOrder(T0 + Seconds(s));
        Assert.Null(manager.ReviewRequest(Entry(T0 + Seconds(100))).Reason);
        // Two more at 100 s and 110 s: 61, 92, 100, 110 are four inside 49 s.
        manager.RecordOrder(T0 + Seconds(100));
        Assert.Null(manager.ReviewRequest(Entry(T0 + Seconds(105))).Reason);
        manager.RecordOrder(T0 + Seconds(110));
        var refused = manager.ReviewRequest(Entry(T0 + Seconds(111)));
        Assert.Equal(0, refused.TargetUnits);
        Assert.Equal("order_rate: 4 orders within 49 s (limit 3 per 60 s)", refused.Reason);
        // It stays tripped after a restart; the recent orders come back with it.
        var restarted = Restarted(manager);
        Assert.Equal("order_rate: 4 orders within 49 s (limit 3 per 60 s)", restarted.ReviewRequest(Entry(T0 + Seconds(3600))).Reason);
        Assert.Equal([T0 + Seconds(61), T0 + Seconds(92), T0 + Seconds(100), T0 + Seconds(110)], restarted.Export().RecentOrderUtcTicks);
        // A new trading day clears it.
        restarted.StartDay(restarted.DayOf(T0) + TimeSpan.TicksPerDay, 100_000);
        Assert.Null(restarted.ReviewRequest(Entry(T0 + TimeSpan.TicksPerDay)).Reason);
    }

    [Fact]
    public void Repeated_rejects_trip_after_the_limit_in_a_row_and_an_accepted_order_breaks_the_run()
    {
        var manager = new RiskManager(new RiskLimits { MaxConsecutiveRejects = 3 });
        manager.RecordReject(T0, "INSUFFICIENT_MARGIN");
        manager.RecordReject(T0 + 1, "INSUFFICIENT_MARGIN");
        manager.RecordAccepted();
        manager.RecordReject(T0 + 2, "INSUFFICIENT_MARGIN");
        manager.RecordReject(T0 + 3, "MARKET_HALTED");
        Assert.Null(manager.ReviewRequest(Entry(T0 + 4)).Reason); // two in a row
        manager.RecordReject(T0 + 5, "MARKET_HALTED");
        Assert.Equal("repeated_rejects: 3 broker rejects in a row (limit 3); last: MARKET_HALTED", manager.ReviewRequest(Entry(T0 + 6)).Reason);
        var state = Assert.Single(manager.Breakers);
        Assert.Equal(new BreakerState("repeated_rejects", true, T0 + 5, "repeated_rejects: 3 broker rejects in a row (limit 3); last: MARKET_HALTED"), state);

        var restarted = Restarted(manager);
        Assert.StartsWith("repeated_rejects", restarted.ReviewRequest(Entry(T0 + 7)).Reason);
        Assert.Equal(3, restarted.Export().ConsecutiveRejects);
        restarted.StartDay(restarted.DayOf(T0) + TimeSpan.TicksPerDay, 100_000);
        Assert.Null(restarted.ReviewRequest(Entry(T0 + TimeSpan.TicksPerDay)).Reason);
        Assert.Equal(0, restarted.Export().ConsecutiveRejects);
    }

    [Fact]
    public void Stale_prices_refuse_until_a_fresh_price_arrives()
    {
        var manager = new RiskManager(new RiskLimits { MaxPriceAgeSeconds = 30 });
        var stale = manager.ReviewRequest(Entry(T0, T0 - Seconds(45)));
        Assert.Equal((0, "stale_prices: the EUR_USD price is 45 s old (limit 30 s)"), (stale.TargetUnits, stale.Reason));
        Assert.True(Assert.Single(manager.Breakers).Tripped);
        Assert.Null(manager.ReviewRequest(Entry(T0, T0 - Seconds(30))).Reason); // 30 s is still fresh
        Assert.False(Assert.Single(manager.Breakers).Tripped);
        // A request that gives no times cannot be judged.
        Assert.Equal("stale_prices: the request for EUR_USD gives no decision time or price time",
            manager.Review(0, 1_000, double.NaN, Account, new InstrumentContext("EUR_USD", 0.0001, 1, 1)).Reason);
    }

    [Fact]
    public void Broker_disconnection_trips_after_the_limit_and_clears_when_the_broker_is_back()
    {
        var manager = new RiskManager(new RiskLimits { MaxDisconnectSeconds = 60 });
        manager.BrokerDisconnected(T0);
        manager.BrokerDisconnected(T0 + Seconds(20)); // the first drop counts
        Assert.Null(manager.ReviewRequest(Entry(T0 + Seconds(59))).Reason);
        Assert.Equal("broker_disconnected: no broker connection for 90 s (limit 60 s)", manager.ReviewRequest(Entry(T0 + Seconds(90))).Reason);
        // A restart keeps it tripped until the runner reports the broker back (after reconciling).
        var restarted = Restarted(manager);
        Assert.StartsWith("broker_disconnected", restarted.ReviewRequest(Entry(T0 + Seconds(120))).Reason);
        restarted.StartDay(restarted.DayOf(T0) + TimeSpan.TicksPerDay, 100_000); // not a daily breaker
        Assert.StartsWith("broker_disconnected", restarted.ReviewRequest(Entry(T0 + Seconds(121))).Reason);
        restarted.BrokerConnected();
        Assert.Null(restarted.ReviewRequest(Entry(T0 + Seconds(122))).Reason);
    }

    [Fact]
    public void Daily_loss_trips_with_its_time_and_reason_and_a_new_trading_day_resets_it()
    {
        var manager = new RiskManager(new RiskLimits { MaxDailyLoss = 0.02 });
        manager.StartDay(manager.DayOf(T0), 100_000);
        // 97,500 is 2.5 % below the day's 100,000 start.
        var down = new PortfolioSnapshot(97_500, 97_500, 0, 100_000, 100_000, 0);
        var refused = manager.ReviewRequest(Entry(T0) with { Portfolio = down });
        Assert.Equal("max_daily_loss: equity 97500.00 is 2.50% below the day's start 100000.00 (limit 2.00%)", refused.Reason);
        Assert.Equal(new BreakerState("max_daily_loss", true, T0, refused.Reason), Assert.Single(manager.Breakers));
        Assert.True(Assert.Single(Restarted(manager).Breakers).Tripped);
        // The next day starts at 97,500: the same equity is no loss, and the breaker is clear.
        manager.StartDay(manager.DayOf(T0) + TimeSpan.TicksPerDay, 97_500);
        Assert.False(Assert.Single(manager.Breakers).Tripped);
        Assert.Null(manager.ReviewRequest(Entry(T0 + TimeSpan.TicksPerDay) with { Portfolio = down with { DayStartEquity = 97_500 } }).Reason);
    }

    [Fact]
    public void Drawdown_stays_tripped_across_days_and_restarts_until_an_operator_resets_it()
    {
        var manager = new RiskManager(new RiskLimits { MaxDrawdown = 0.10 });
        int trips = 0;
        manager.BreakerTripped += _ => trips++;
        var deep = new PortfolioSnapshot(88_000, 88_000, 0, 100_000, 100_000, 0);
        Assert.Equal("max_drawdown: equity 88000.00 is 12.00% below its peak 100000.00 (limit 10.00%)", manager.ReviewRequest(Entry(T0) with { Portfolio = deep }).Reason);
        manager.ReviewRequest(Entry(T0 + 1) with { Portfolio = deep });
        Assert.Equal(1, trips); // once, not per refusal
        var restarted = Restarted(manager);
        restarted.StartDay(restarted.DayOf(T0) + TimeSpan.TicksPerDay, 99_000);
        var recovered = new PortfolioSnapshot(99_000, 99_000, 0, 100_000, 99_000, 0); // 1 % below peak
        Assert.StartsWith("max_drawdown: equity 99000.00 is 1.00%", restarted.ReviewRequest(Entry(T0 + TimeSpan.TicksPerDay) with { Portfolio = recovered }).Reason);
        Assert.True(restarted.ResetBreaker("max_drawdown"));
        Assert.Null(restarted.ReviewRequest(Entry(T0 + TimeSpan.TicksPerDay) with { Portfolio = recovered }).Reason);
        Assert.False(restarted.ResetBreaker("order_rate")); // not configured
    }

    [Fact]
    public void The_risk_state_round_trips_through_json_as_a_journal_stores_it()
    {
        var manager = new RiskManager(new RiskLimits { MaxDrawdown = 0.10, MaxOrdersPerWindow = 5, MaxConsecutiveRejects = 4 });
        manager.StartDay(manager.DayOf(T0), 100_000);
        manager.Observe(100_000);
        manager.RecordOrder(T0);
        manager.RecordReject(T0, "X");
        manager.ReviewRequest(Entry(T0) with { Portfolio = new PortfolioSnapshot(85_000, 85_000, 0, 100_000, 100_000, 0) });
        var state = manager.Export();
        var back = JsonSerializer.Deserialize<RiskState>(JsonSerializer.Serialize(state))!;
        Assert.Equal(state, back);
        Assert.True(back.DrawdownTripped);
        Assert.Equal(3, back.Breakers.Count);
        Assert.Equal([T0], back.RecentOrderUtcTicks);
        Assert.Equal(1, back.ConsecutiveRejects);
        Assert.NotEqual(state, back with { ConsecutiveRejects = 2 });
        Assert.NotEqual(state, back with { Breakers = [] });
        // Before the first bar the amounts are NaN; the state still round-trips.
        var fresh = new RiskManager(new RiskLimits()).Export();
        Assert.Equal(fresh, JsonSerializer.Deserialize<RiskState>(JsonSerializer.Serialize(fresh)));
    }
}
