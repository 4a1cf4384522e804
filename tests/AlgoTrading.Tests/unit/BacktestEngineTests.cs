namespace AlgoTrading.Tests.Unit;

/// <summary>The engine on series small enough to work every trade out by hand (see the comments).</summary>
public class BacktestEngineTests
{
    // Closes with SMA(2)/SMA(3): the sign of fast − slow is first defined at bar 3 (+), turns − at bar 6 and + at bar 9.
    private static readonly double[] Closes = [10, 10, 10, 11, 12, 11, 9, 8, 9, 11, 12, 12];
    private static readonly TradableInstrument Spy = new() { Symbol = "SPY", BaseCurrency = "SPY", QuoteCurrency = "USD", IsForex = false, PipSize = 0.01 };
    private static readonly BacktestOptions OnePrice = new() { Price = PriceSource.Trade, UseBidAsk = false, ApplyCosts = false };

    private static BarSeries Series(double[] closes, int hourOffset = 0)
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        // Odd bars open half a point below their close, so fills at the open are told apart from closes.
        for (int i = 0; i < closes.Length; i++)
            b.AddTrade(Utc(2024, 1, 2, 0).AddHours(i + hourOffset).Ticks, closes[i] - 0.5 * (i % 2), closes[i] + 1, closes[i] - 1, closes[i], 0);
        return b.Build("SPY", BarPeriod.H1);
    }

    private static BacktestResult SmaCross(string mode, double[]? closes = null) =>
        new BacktestEngine([new BacktestFeed(Spy, Series(closes ?? Closes), StrategyFactory.Create("sma-cross",
            new Dictionary<string, string> { ["fast"] = "2", ["slow"] = "3", ["mode"] = mode, ["units"] = "100" }))], OnePrice).Run();

    [Fact]
    public void Sma_cross_long_short_reverses_with_one_order_and_marks_the_open_position_at_the_last_close()
    {
        var r = SmaCross("longshort");
        // Bar 6 crosses down: short 100 filled at bar 7's open (8 − 0.5 = 7.5).
        // Bar 9 crosses up: one order of +200 at bar 10's open (12): the short closes at 12 (P&L (12 − 7.5)·−100 = −450)
        // and a long of 100 opens at the same price.
        var t = Assert.Single(r.Trades);
        Assert.Equal((Utc(2024, 1, 2, 7), 7.5, Utc(2024, 1, 2, 10), 12.0, -100.0, -450.0), (t.EntryTime, t.EntryPrice, t.ExitTime, t.ExitPrice, t.Units, t.Pnl));
        Assert.Equal(100, r.OpenPositions["SPY"]);
        // Final equity: 100,000 − 450 + (12 − 12)·100.
        Assert.Equal(99_550, r.FinalEquity);
        Assert.Equal(12, r.Equity.Length);
    }

    [Fact]
    public void Sma_cross_long_only_enters_on_up_crosses_and_exits_on_down_crosses()
    {
        // Extend the series so a long opened at bar 10 is closed by a down cross.
        double[] closes = [.. Closes, 9, 8, 8];
        var r = SmaCross("longonly", closes);
        // The first cross (down at bar 6) opens nothing in long-only; the up cross at bar 9 buys 100 at bar 10's open (12);
        // bar 12 (close 9: SMA2 10.5 < SMA3 11) crosses down, sold at bar 13's open (8 − 0.5 = 7.5): (7.5 − 12)·100 = −450.
        var t = Assert.Single(r.Trades);
        Assert.Equal((Utc(2024, 1, 2, 10), 12.0, Utc(2024, 1, 2, 13), 7.5, 100.0, -450.0), (t.EntryTime, t.EntryPrice, t.ExitTime, t.ExitPrice, t.Units, t.Pnl));
        Assert.Empty(r.OpenPositions);
        Assert.Equal(99_550, r.FinalEquity);
    }

    [Fact]
    public void A_signal_on_the_last_bar_is_not_filled()
    {
        // Cut the series at bar 9, where the up cross happens: the reversal is never filled.
        var r = SmaCross("longshort", Closes[..10]);
        Assert.Empty(r.Trades);
        Assert.Equal(-100, r.OpenPositions["SPY"]);
        // Marked at the last close (11): 100,000 + (11 − 7.5)·−100.
        Assert.Equal(99_650, r.FinalEquity);
    }

    [Fact]
    public void Same_inputs_give_identical_results()
    {
        var a = SmaCross("longshort");
        var b = SmaCross("longshort");
        Assert.Equal(a.Equity, b.Equity);
        Assert.Equal(a.Trades, b.Trades);
    }

    /// <summary>Enters long at the first bar and holds; exits come from the attached stops.</summary>
    private sealed class EnterOnce(int direction = 1) : ISignal
    {
        private bool _done;
        public int? Update(in BarInput bar) { if (_done) return null; _done = true; return direction; }
    }

    private static BacktestResult WithExits(ExitRules exits, SameBarExitOrder order, params (double o, double h, double l, double c)[] rows)
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        for (int i = 0; i < rows.Length; i++) b.AddTrade(Utc(2024, 1, 2, i).Ticks, rows[i].o, rows[i].h, rows[i].l, rows[i].c, 0);
        var strategy = new Strategy("once", new EnterOnce(), new FixedUnits(100), exits, TradingMode.LongOnly);
        return new BacktestEngine([new BacktestFeed(Spy, b.Build("SPY", BarPeriod.H1), strategy)], OnePrice with { SameBarExits = order }).Run();
    }

    [Theory]
    [InlineData(SameBarExitOrder.WorseFirst, 98.0, "exit:stop_loss")]
    [InlineData(SameBarExitOrder.BetterFirst, 103.0, "exit:take_profit")]
    public void When_one_bar_reaches_stop_and_target_the_configured_one_fills(SameBarExitOrder order, double exitPrice, string reason)
    {
        // Entry at bar 1's open 100; stop 2 points (200 pips of 0.01) below, target 3 above; bar 2 spans 97..104.
        var exits = new ExitRules { StopLoss = 200, TakeProfit = 300 };
        var r = WithExits(exits, order, (100, 100, 100, 100), (100, 101, 99.5, 100), (100, 104, 97, 100));
        var t = Assert.Single(r.Trades);
        Assert.Equal((100.0, exitPrice, reason), (t.EntryPrice, t.ExitPrice, t.ExitReason));
    }

    [Fact]
    public void A_gap_through_the_stop_fills_at_the_worse_open()
    {
        var r = WithExits(new ExitRules { StopLoss = 200 }, SameBarExitOrder.WorseFirst, (100, 100, 100, 100), (100, 101, 99.5, 100), (95, 96, 94, 95));
        Assert.Equal(95, Assert.Single(r.Trades).ExitPrice); // stop at 98, but the bar opened at 95
    }

    [Fact]
    public void Trailing_stop_follows_the_high_and_exits_on_the_pullback()
    {
        // Trail 2 points: entry 100 (stop 98); bar 2 high 105 moves it to 103; bar 3 trades down to 102: out at 103.
        var r = WithExits(new ExitRules { Trailing = 200 }, SameBarExitOrder.WorseFirst, (100, 100, 100, 100), (100, 101, 99.5, 100.5), (100.5, 105, 100.5, 104), (104, 104, 102, 102.5));
        var t = Assert.Single(r.Trades);
        Assert.Equal((103.0, "exit:trailing_stop"), (t.ExitPrice, t.ExitReason));
    }

    [Fact]
    public void Time_stop_closes_after_max_bars()
    {
        var r = WithExits(new ExitRules { MaxBars = 2 }, SameBarExitOrder.WorseFirst, (100, 100, 100, 100), (100, 101, 99, 100), (101, 102, 100, 101), (102, 103, 101, 102), (103, 104, 102, 103));
        // Filled at bar 1; held through bars 1 and 2; the decision at bar 2's close exits at bar 3's open (102).
        var t = Assert.Single(r.Trades);
        Assert.Equal((Utc(2024, 1, 2, 3), 102.0, "exit:time"), (t.ExitTime, t.ExitPrice, t.ExitReason));
    }

    [Fact]
    public void Quote_bars_buy_at_the_ask_sell_at_the_bid_and_record_the_spread()
    {
        var eur = new TradableInstrument { Symbol = "EUR_USD", BaseCurrency = "EUR", QuoteCurrency = "USD", CommissionPerLot = 5 };
        var q = Quote(BarPeriod.H1, 0.0002, (Utc(2024, 1, 2, 10), 1.1, 1.1, 1.1, 1.1), (Utc(2024, 1, 2, 11), 1.1010, 1.1020, 1.1000, 1.1010), (Utc(2024, 1, 2, 12), 1.1030, 1.1040, 1.1020, 1.1030));
        var strategy = new Strategy("once", new EnterOnce(), new FixedUnits(10_000), new ExitRules { MaxBars = 1 }, TradingMode.LongOnly);
        var r = new BacktestEngine([new BacktestFeed(eur, q, strategy)], new BacktestOptions()).Run();
        var t = Assert.Single(r.Trades);
        // Bought at bar 1's ask open 1.1012, sold at bar 2's bid open 1.1030: 18 pips on 10,000 = 18 USD gross.
        Assert.Equal(1.1012, t.EntryPrice, 12);
        Assert.Equal(1.1030, t.ExitPrice, 12);
        Assert.Equal(18, t.GrossPnl, 9);
        Assert.Equal(2 * 10_000 * 0.0001, t.Costs.Spread, 9);   // half the 2-pip spread on each side
        Assert.Equal(2 * 0.1 * 5, t.Costs.Commission, 9);      // 0.1 lot × 5 USD per side
        Assert.Equal(18 - 1, t.Pnl, 9);
    }

    [Fact]
    public void Financing_is_charged_at_the_17_00_rollover_three_times_on_wednesday()
    {
        // Long 100,000 EUR_USD at 1.1 held from Wednesday 2024-01-03 10:00 UTC to Thursday 10:00: one rollover (Wed 17:00 EST).
        var eur = new TradableInstrument { Symbol = "EUR_USD", BaseCurrency = "EUR", QuoteCurrency = "USD", FinancingLongRate = -0.0365 };
        var b = new BarSeriesBuilder(BarKind.Quote);
        foreach (var t in new[] { Utc(2024, 1, 3, 9), Utc(2024, 1, 3, 10), Utc(2024, 1, 4, 10), Utc(2024, 1, 4, 11) })
            b.AddQuote(t.Ticks, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1);
        var strategy = new Strategy("once", new EnterOnce(), new FixedUnits(100_000), new ExitRules { MaxBars = 2 }, TradingMode.LongOnly);
        var r = new BacktestEngine([new BacktestFeed(eur, b.Build("EUR_USD", BarPeriod.H1), strategy)], new BacktestOptions()).Run();
        // 100,000 × 1.1 × 3.65 % / 365 × 3 days = 33 USD paid.
        Assert.Equal(33, Assert.Single(r.Trades).Costs.Financing, 9);
        Assert.Equal(100_000 - 33, r.FinalEquity, 6);
    }

    [Fact]
    public void Quote_currency_pnl_is_converted_through_the_right_pair()
    {
        // EUR_GBP gains 10 pips (0.0010 GBP per unit) on 10,000 units = 10 GBP; GBP_USD is 1.25 then: 12.5 USD.
        var eurgbp = new TradableInstrument { Symbol = "EUR_GBP", BaseCurrency = "EUR", QuoteCurrency = "GBP" };
        var gbpusd = new TradableInstrument { Symbol = "GBP_USD", BaseCurrency = "GBP", QuoteCurrency = "USD" };
        var times = new[] { Utc(2024, 1, 2, 10), Utc(2024, 1, 2, 11), Utc(2024, 1, 2, 12), Utc(2024, 1, 2, 13) };
        var eg = new BarSeriesBuilder(BarKind.Trade);
        var gu = new BarSeriesBuilder(BarKind.Trade);
        double[] egOpen = [0.86, 0.86, 0.861, 0.861];
        for (int i = 0; i < 4; i++) { eg.AddTrade(times[i].Ticks, egOpen[i], egOpen[i], egOpen[i], egOpen[i], 0); gu.AddTrade(times[i].Ticks, 1.25, 1.25, 1.25, 1.25, 0); }
        var strategy = new Strategy("once", new EnterOnce(), new FixedUnits(10_000), new ExitRules { MaxBars = 1 }, TradingMode.LongOnly);
        var options = new BacktestOptions { Price = PriceSource.Trade, UseBidAsk = false, ApplyCosts = false };
        var egBars = eg.Build("EUR_GBP", BarPeriod.H1);
        var r = new BacktestEngine([new BacktestFeed(eurgbp, egBars, strategy), new BacktestFeed(gbpusd, gu.Build("GBP_USD", BarPeriod.H1))], options).Run();
        Assert.Equal(12.5, Assert.Single(r.Trades).Pnl, 9);
        var missing = Assert.Throws<InvalidOperationException>(() => new BacktestEngine([new BacktestFeed(eurgbp, egBars, strategy)], options));
        Assert.Contains("add GBP_USD or USD_GBP bars", missing.Message);
    }

    [Fact]
    public void Risk_resizes_and_refuses_with_reasons()
    {
        var strategy = StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "2", ["slow"] = "3", ["mode"] = "longshort", ["units"] = "100" });
        var r = new BacktestEngine([new BacktestFeed(Spy, Series(Closes), strategy)], OnePrice with { Risk = new RiskLimits { MaxUnits = 40 } }).Run();
        Assert.Equal(-40, Assert.Single(r.Trades).Units);
        Assert.Equal(40, r.OpenPositions["SPY"]);
        Assert.All(r.RiskEvents, e => Assert.StartsWith("max_units: 100 units resized to 40", e.Reason));
        Assert.Equal(2, r.RiskEvents.Count);

        var manager = new RiskManager(new RiskLimits { MaxDrawdown = 0.1, MaxOpenPositions = 1 });
        var ctx = new InstrumentContext("SPY", 0.01, 1, 1);
        var deep = manager.Review(0, 100, double.NaN, new PortfolioSnapshot(85_000, 85_000, 0, 100_000, 85_000, 0), ctx);
        Assert.Equal(0, deep.TargetUnits);
        Assert.StartsWith("max_drawdown: equity 85000.00 is 15.00% below its peak", deep.Reason);
        Assert.Equal(0, manager.Review(50, 0, double.NaN, default, ctx).TargetUnits); // closing always passes
        Assert.Null(manager.Review(50, 0, double.NaN, default, ctx).Reason);
    }

    [Fact]
    public void Fill_rules_for_limit_and_stop_orders_including_gaps()
    {
        var bar = new QuoteBarView(100, 102, 98, 101, 100.2, 102.2, 98.2, 101.2);
        Assert.Equal(100.2, FillRules.Market(1, bar));
        Assert.Equal(100, FillRules.Market(-1, bar));
        Assert.Equal(99, FillRules.Limit(1, 99, bar));        // buy limit below the open, reached by the ask low 98.2
        Assert.True(double.IsNaN(FillRules.Limit(1, 98, bar))); // ask never got that low
        Assert.Equal(100.2, FillRules.Limit(1, 101, bar));    // opened below the limit: the better open
        Assert.Equal(101.5, FillRules.Limit(-1, 101.5, bar)); // sell limit reached by the bid high 102
        Assert.Equal(101, FillRules.Stop(1, 101, bar));       // buy stop reached by the ask high
        Assert.Equal(100.2, FillRules.Stop(1, 99, bar));      // gapped above the stop: the worse open
        Assert.Equal(99, FillRules.Stop(-1, 99, bar));
        Assert.True(double.IsNaN(FillRules.Stop(-1, 97, bar)));
    }

    [Fact]
    public void Sizers_by_hand()
    {
        var portfolio = new PortfolioSnapshot(100_000, 100_000, 0, 100_000, 100_000, 0);
        var eur = new InstrumentContext("EUR_USD", 0.0001, 1, 1);
        Assert.Equal(250_000, new FixedFractionalRisk(0.005).Units(1.1, 0.0020, portfolio, eur));   // 500 USD / 0.0020
        Assert.Equal(0, new FixedFractionalRisk(0.005).Units(1.1, double.NaN, portfolio, eur));     // no stop, no trade
        var jpy = new InstrumentContext("USD_JPY", 0.01, 1 / 150.0, 1);
        Assert.Equal(375_000, new FixedFractionalRisk(0.005).Units(150, 0.20, portfolio, jpy), 6); // 0.20 JPY = 0.001333 USD per unit
        Assert.Equal(0.5 * (0.55 - 0.45 / 1.5), new CappedKelly(0.55, 1.5).Fraction, 12);
        Assert.Equal(0, new CappedKelly(0.3, 1.0).Fraction);                                         // negative edge
        Assert.Equal(Math.Floor(100_000 * 0.10 / 0.08 / 1.1), new VolatilityTarget(0.10, () => 0.08).Units(1.1, double.NaN, portfolio, eur));
    }

    [Fact]
    public void The_equity_time_of_a_single_feed_run_is_its_series_time_column_read_only()
    {
        // Regression: with one feed EquityTime was the bar series' own time column as a writable long[], so
        // writing one changed the other. It is now that column as ReadOnlyMemory (no setter can reach it),
        // and still not a copy: 8 MB per million bars the engine no longer allocates and copies per run.
        // Columns of exactly the series' length, as loaders make them (a builder's spare capacity hid the bug).
        var built = Series(Closes);
        var bars = new BarSeries("SPY", BarPeriod.H1, BarKind.Trade, built.TimeTicks.ToArray(), built.Count, null, null, built.Trade, built.Volume.ToArray());
        var r = new BacktestEngine([new BacktestFeed(Spy, bars, StrategyFactory.Create("sma-cross",
            new Dictionary<string, string> { ["fast"] = "2", ["slow"] = "3", ["units"] = "100" }))], OnePrice).Run();
        Assert.Equal(bars.TimeTicks.ToArray(), r.EquityTime.ToArray());
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(r.EquityTime, out var column));
        Assert.Same(bars.TimeArray, column.Array);
        Assert.Equal(bars.Count, column.Count);
    }

    [Fact]
    public void The_equity_time_of_a_run_over_several_feeds_is_its_own_merged_column()
    {
        // Two feeds at different times: the steps are the union of their bar starts, in a column of the run's own.
        var a = Series(Closes);
        var shifted = Series(Closes, hourOffset: Closes.Length);
        var later = new BarSeries("QQQ", BarPeriod.H1, BarKind.Trade, shifted.TimeTicks.ToArray(), shifted.Count, null, null, shifted.Trade, shifted.Volume.ToArray());
        var r = new BacktestEngine([new BacktestFeed(Spy, a, null), new BacktestFeed(Spy with { Symbol = "QQQ" }, later, null)], OnePrice).Run();
        Assert.Equal([.. a.TimeTicks.ToArray(), .. later.TimeTicks.ToArray()], r.EquityTime.ToArray());
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(r.EquityTime, out var column));
        Assert.NotSame(a.TimeArray, column.Array);
    }
}

/// <summary>Limit and stop entries, cancel and replace, and the stop-out, through the order objects the engine keeps.</summary>
public class BacktestOrderTests
{
    private static readonly TradableInstrument Spy = new() { Symbol = "SPY", BaseCurrency = "SPY", QuoteCurrency = "USD", IsForex = false, PipSize = 0.01, MarginRate = 0.5 };
    private static readonly BacktestOptions OnePrice = new() { Price = PriceSource.Trade, UseBidAsk = false, ApplyCosts = false };

    /// <summary>Scripted decisions by bar index.</summary>
    private sealed class Scripted(Dictionary<int, StrategyDecision> decisions) : IStrategy
    {
        private int _bar = -1;
        public string Name => "scripted";
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision) =>
            decisions.TryGetValue(++_bar, out decision);
    }

    private static StrategyDecision Enter(double units, OrderType type = OrderType.Market, double price = double.NaN) =>
        new(units, double.NaN, double.NaN, double.NaN, "entry", type, price);

    private static BacktestResult Run(Dictionary<int, StrategyDecision> script, params (double o, double h, double l, double c)[] rows)
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        for (int i = 0; i < rows.Length; i++) b.AddTrade(Utc(2024, 1, 2, i).Ticks, rows[i].o, rows[i].h, rows[i].l, rows[i].c, 0);
        return new BacktestEngine([new BacktestFeed(Spy, b.Build("SPY", BarPeriod.H1), new Scripted(script))], OnePrice).Run();
    }

    [Fact]
    public void A_buy_limit_works_until_the_market_trades_down_to_it()
    {
        var r = Run(new() { [0] = Enter(10, OrderType.Limit, 98), [4] = new(0, double.NaN, double.NaN, double.NaN, "exit") },
            (100, 100, 100, 100), (100, 101, 99, 100), (100, 100.5, 97.5, 98.5), (98.5, 99, 98, 99), (99, 99, 99, 99), (99, 99, 99, 99));
        var order = r.Orders[0];
        Assert.Equal(OrderStatus.Filled, order.Status);
        var t = Assert.Single(r.Trades);
        Assert.Equal((Utc(2024, 1, 2, 2), 98.0), (t.EntryTime, t.EntryPrice)); // bar 1 did not reach 98; bar 2 did
    }

    [Fact]
    public void A_new_decision_cancels_and_replaces_the_working_order()
    {
        var r = Run(new() { [0] = Enter(10, OrderType.Stop, 105), [1] = Enter(10, OrderType.Stop, 102) },
            (100, 100, 100, 100), (100, 101, 99, 100), (100, 103, 99, 102), (102, 102, 102, 102));
        Assert.Equal(OrderStatus.Cancelled, r.Orders[0].Status);
        Assert.Equal("replaced by a new decision", r.Orders[0].StatusReason);
        Assert.Equal(OrderStatus.Filled, r.Orders[1].Status);
        Assert.Equal(10, r.OpenPositions["SPY"]);
        Assert.Equal(100_000 + (102 - 102) * 10, r.FinalEquity); // filled at the stop, 102; marked at the last close, 102
    }

    /// <summary>Says "hold" while still writing a decision, to check the engine trusts the return value alone.</summary>
    private sealed class HoldsWithADecision : IStrategy
    {
        public string Name => "holds";
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
        {
            decision = Enter(10);
            return false;
        }
    }

    [Fact]
    public void A_strategy_that_holds_sends_no_order_whatever_decision_it_left()
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        for (int i = 0; i < 4; i++) b.AddTrade(Utc(2024, 1, 2, i).Ticks, 100, 101, 99, 100, 0);
        var r = new BacktestEngine([new BacktestFeed(Spy, b.Build("SPY", BarPeriod.H1), new HoldsWithADecision())], OnePrice).Run();
        Assert.Empty(r.Orders);
        Assert.Empty(r.Trades);
        Assert.Equal(100_000, r.FinalEquity);
    }

    [Fact]
    public void Risk_refusals_are_rejected_orders_with_the_reason()
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        for (int i = 0; i < 4; i++) b.AddTrade(Utc(2024, 1, 2, i).Ticks, 100, 100, 100, 100, 0);
        var options = OnePrice with { Risk = new AlgoTrading.Risk.RiskLimits { MaxOpenPositions = 0 } };
        var r = new BacktestEngine([new BacktestFeed(Spy, b.Build("SPY", BarPeriod.H1), new Scripted(new() { [0] = Enter(10) }))], options).Run();
        Assert.Equal(OrderStatus.Rejected, Assert.Single(r.Orders).Status);
        Assert.StartsWith("max_open_positions", r.Orders[0].StatusReason);
        Assert.Empty(r.Trades);
    }

    [Fact]
    public void Equity_below_half_the_margin_closes_everything_at_the_next_open()
    {
        // 1,000 units at 100 = 100,000 notional, margin 50 % = 50,000 on 100,000 equity... then the price halves:
        // equity 50,000 < 0.5 × margin (25,000)? No: 50,000 ≥ 12,500. Use 1,900 units: at 50, equity 5,000 < 0.5 × 47,500.
        var r = Run(new() { [0] = Enter(1_900) }, (100, 100, 100, 100), (100, 100, 100, 100), (50, 50, 50, 50), (50, 50, 50, 50), (50, 50, 50, 50));
        var t = Assert.Single(r.Trades);
        Assert.Equal(("exit:stop_out", Utc(2024, 1, 2, 3)), (t.ExitReason, t.ExitTime));
        Assert.Equal(100_000 - 50 * 1_900, r.FinalEquity);
    }

    [Fact]
    public void A_strategy_cancels_its_working_limit_by_asking_for_the_position_it_holds()
    {
        // Regression: the engine returned before submitting when the target equalled the position, so
        // the buy limit at 98 placed on bar 0 still filled on bar 3, after the strategy had withdrawn it on bar 1.
        var r = Run(new() { [0] = Enter(10, OrderType.Limit, 98), [1] = new(0, double.NaN, double.NaN, double.NaN, "withdraw") },
            (100, 100, 100, 100), (100, 101, 99, 100), (100, 100, 100, 100), (99, 99, 97, 98), (98, 98, 98, 98));
        Assert.Equal(OrderStatus.Cancelled, Assert.Single(r.Orders).Status);
        Assert.Equal("cancelled by the strategy", r.Orders[0].StatusReason);
        Assert.Empty(r.Trades);
        Assert.Empty(r.OpenPositions);
        Assert.Equal(100_000, r.FinalEquity);
    }

    /// <summary>Places a buy limit on bar 0, then records what each later bar's position snapshot says.</summary>
    private sealed class WatchesItsOrder : IStrategy
    {
        public readonly List<(double Units, double WorkingUnits, double WorkingPrice)> Seen = [];
        public string Name => "watches";
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
        {
            decision = Enter(10, OrderType.Limit, 98);
            if (Seen.Count == 0) { Seen.Add((position.Units, position.WorkingUnits, position.WorkingPrice)); return true; }
            Seen.Add((position.Units, position.WorkingUnits, position.WorkingPrice));
            return false;
        }
    }

    [Fact]
    public void The_working_order_appears_in_the_position_snapshot_until_it_fills()
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        foreach (var (i, row) in new[] { (100.0, 100.0, 100.0, 100.0), (100, 101, 99, 100), (100, 100, 97, 98), (98, 99, 98, 99) }.Index())
            b.AddTrade(Utc(2024, 1, 2, i).Ticks, row.Item1, row.Item2, row.Item3, row.Item4, 0);
        var strategy = new WatchesItsOrder();
        new BacktestEngine([new BacktestFeed(Spy, b.Build("SPY", BarPeriod.H1), strategy)], OnePrice).Run();
        // Bar 1 does not reach 98: the order is seen working; bar 2 fills it at 98: a position, no working order.
        Assert.Equal([(0, 0, double.NaN), (0, 10, 98), (10, 0, double.NaN), (10, 0, double.NaN)], strategy.Seen);
    }
}
