namespace AlgoTrading.Tests.Unit;

/// <summary>Entry rules, ATR exits, ATR slippage and the loss breakers, each on a few bars worked out by hand.</summary>
public class StrategyPartsTests
{
    private static BarInput Bar(double close, double high = double.NaN, double low = double.NaN, long time = 0) =>
        new(time, close, double.IsNaN(high) ? close : high, double.IsNaN(low) ? close : low, close, 0);

    [Fact]
    public void Breakout_fires_when_the_close_leaves_the_previous_channel()
    {
        var s = new BreakoutSignal(3);
        // Channel of bars 0..2: high 11, low 9. Bar 3 closes at 11.5 (> 11): long. Bar 4's channel is bars 1..3.
        Assert.Null(s.Update(Bar(10, 11, 9)));
        Assert.Null(s.Update(Bar(10, 10.5, 9.5)));
        Assert.Null(s.Update(Bar(10, 10.5, 9.5)));
        Assert.Equal(1, s.Update(Bar(11.5, 11.6, 10)));
        Assert.Null(s.Update(Bar(10.5, 10.6, 10.2)));
        Assert.Equal(-1, s.Update(Bar(9.4, 9.6, 9.3))); // below the lows of bars 2..4 (9.5, 10, 10.2)
    }

    [Fact]
    public void Rsi_threshold_goes_long_below_30_short_above_70_and_flat_at_50()
    {
        var s = ThresholdSignal.Rsi(2, 30, 70, 50);
        // RSI(2): closes 10, 9, 8 -> average gain 0, loss 1 -> RSI 0 (< 30): long.
        Assert.Null(s.Update(Bar(10)));
        Assert.Null(s.Update(Bar(9)));
        Assert.Equal(1, s.Update(Bar(8)));
        // Up 4: gain (0·1 + 4)/2 = 2, loss (1·1 + 0)/2 = 0.5 -> RSI 80: above 50 while long -> flat (0); it is also > 70 but exit wins first.
        Assert.Equal(0, s.Update(Bar(12)));
    }

    [Fact]
    public void External_signal_follows_the_model_by_bar_time()
    {
        var s = new ExternalSignal(new Dictionary<long, int> { [5] = 1, [7] = -3 });
        Assert.Null(s.Update(Bar(1, time: 4)));
        Assert.Equal(1, s.Update(Bar(1, time: 5)));
        Assert.Equal(-1, s.Update(Bar(1, time: 7)));
    }

    private static readonly TradableInstrument Spy = new() { Symbol = "SPY", BaseCurrency = "SPY", QuoteCurrency = "USD", IsForex = false, PipSize = 0.01 };

    private sealed class Once : ISignal
    {
        private bool _done;
        public int? Update(in BarInput bar) { if (_done) return null; _done = true; return 1; }
    }

    [Fact]
    public void Atr_exits_are_measured_in_atr_at_the_signal_bar()
    {
        // ATR(2) of bars with a constant 2-point range: 2. Stop at 1 ATR below the fill (100 − 2 = 98).
        var b = new BarSeriesBuilder(BarKind.Trade);
        (double o, double h, double l, double c)[] rows = [(100, 101, 99, 100), (100, 101, 99, 100), (100, 101, 99, 100), (100, 100.5, 98.9, 99), (99, 99, 97.5, 98)];
        for (int i = 0; i < rows.Length; i++) b.AddTrade(Utc(2024, 1, 2, i).Ticks, rows[i].o, rows[i].h, rows[i].l, rows[i].c, 0);
        // The entry signal comes on bar 2 (after ATR is defined at bar 2); fills at bar 3's open (100).
        var signal = new ExternalSignal(new Dictionary<long, int> { [Utc(2024, 1, 2, 2).Ticks] = 1 });
        var strategy = new Strategy("atr", signal, new FixedUnits(10), new ExitRules { StopLoss = 1, Unit = DistanceUnit.Atr, AtrPeriod = 2 }, TradingMode.LongOnly);
        var r = new BacktestEngine([new BacktestFeed(Spy, b.Build("SPY", BarPeriod.H1), strategy)], new BacktestOptions { Price = PriceSource.Trade, UseBidAsk = false, ApplyCosts = false }).Run();
        var t = Assert.Single(r.Trades);
        Assert.Equal((100.0, 98.0, "exit:stop_loss"), (t.EntryPrice, t.ExitPrice, t.ExitReason)); // bar 3's low 98.9 holds; bar 4 reaches 98
    }

    [Fact]
    public void Atr_slippage_moves_fills_against_the_trader()
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        for (int i = 0; i < 20; i++) b.AddTrade(Utc(2024, 1, 2, i).Ticks, 100, 101, 99, 100, 0); // ATR(14) = 2 once defined
        var signal = new ExternalSignal(new Dictionary<long, int> { [Utc(2024, 1, 2, 15).Ticks] = 1, [Utc(2024, 1, 2, 17).Ticks] = 0 });
        var strategy = new Strategy("x", signal, new FixedUnits(10), new ExitRules(), TradingMode.LongOnly);
        var options = new BacktestOptions { Price = PriceSource.Trade, UseBidAsk = false, ApplyCosts = true, SlippageAtrFraction = 0.25 };
        var r = new BacktestEngine([new BacktestFeed(Spy, b.Build("SPY", BarPeriod.H1), strategy)], options).Run();
        var t = Assert.Single(r.Trades);
        // A quarter of ATR 2 = 0.5 against us each way: buy at 100.5, sell at 99.5.
        Assert.Equal((100.5, 99.5), (t.EntryPrice, t.ExitPrice));
        Assert.Equal(2 * 10 * 0.5, t.Costs.Slippage, 9);
    }

    [Fact]
    public void Daily_loss_breaker_and_max_risk_per_trade()
    {
        var manager = new RiskManager(new RiskLimits { MaxDailyLoss = 0.02, MaxRiskPerTrade = 0.01 });
        var ctx = new InstrumentContext("EUR_USD", 0.0001, 1, 1);
        var down = manager.Review(0, 10_000, double.NaN, new PortfolioSnapshot(97_000, 97_000, 0, 100_000, 99_500, 0), ctx);
        Assert.Equal(0, down.TargetUnits);
        Assert.StartsWith("max_daily_loss: equity 97000.00 is 2.51% below the day's start", down.Reason);
        // 1 % of 100,000 = 1,000 USD at a 20-pip stop allows 500,000 units; 800,000 is resized.
        var big = manager.Review(0, -800_000, 0.0020, new PortfolioSnapshot(100_000, 100_000, 0, 100_000, 100_000, 0), ctx);
        Assert.Equal(-500_000, big.TargetUnits, 6);
        Assert.StartsWith("max_risk_per_trade", big.Reason);
    }
}
