using AlgoTrading.Execution.Accounting;

namespace AlgoTrading.Tests.Unit;

/// <summary>The portfolio on fills worked by hand.</summary>
public class PortfolioTests
{
    private static readonly TradableInstrument Spy = new() { Symbol = "SPY", BaseCurrency = "SPY", QuoteCurrency = "USD", IsForex = false, PipSize = 0.01, MarginRate = 0.5 };
    private static readonly long T0 = Utc(2024, 1, 2).Ticks;
    private static Fill F(double units, double price, int hour, double commission = 0, string reason = "r") =>
        new(hour, "SPY", T0 + hour * TimeSpan.TicksPerHour, units, price, new Costs(0, commission, 0, 0), reason);

    [Fact]
    public void Fills_net_into_one_position_and_close_first_in_first_out()
    {
        var p = new Portfolio("USD", 100_000);
        p.Apply(F(100, 10, 0, 1, "a"), Spy, 1);
        p.Apply(F(100, 12, 1, 1, "b"), Spy, 1);
        Assert.Equal((200.0, 11.0), (p.UnitsOf("SPY"), p.AveragePriceOf("SPY")));
        p.Apply(F(-150, 13, 2, 3, "c"), Spy, 1);
        // FIFO: the 100 bought at 10 close first (+300), then 50 of those at 12 (+50); 50 at 12 stay open.
        Assert.Equal([(100.0, 10.0, 300.0, "a"), (50.0, 12.0, 50.0, "b")], p.Trades.Select(t => (t.Units, t.EntryPrice, t.GrossPnl, t.EntryReason)));
        // Commission: the first trade carries lot a's 1 and 100/150 of the closing 3; the second half of lot b's 1 and 50/150 of 3.
        Assert.Equal(1 + 2.0, p.Trades[0].Costs.Commission, 12);
        Assert.Equal(0.5 + 1.0, p.Trades[1].Costs.Commission, 12);
        Assert.Equal((50.0, 12.0), (p.UnitsOf("SPY"), p.AveragePriceOf("SPY")));
        Assert.Equal(100_000 + 350 - 5, p.Cash, 9);
        p.Mark(Spy, 14, 14.02, 1);
        Assert.Equal(100_000 + 350 - 5 + 50 * (14 - 12), p.Equity, 9);
    }

    [Fact]
    public void A_reversal_closes_the_long_and_opens_the_rest_short()
    {
        var p = new Portfolio("USD", 100_000);
        p.Apply(F(100, 10, 0), Spy, 1);
        p.Apply(F(-300, 9, 1, reason: "reverse"), Spy, 1);
        var t = Assert.Single(p.Trades);
        Assert.Equal((100.0, -100.0, "reverse"), (t.Units, t.GrossPnl, t.ExitReason));
        Assert.Equal((-200.0, 9.0), (p.UnitsOf("SPY"), p.AveragePriceOf("SPY")));
        p.Mark(Spy, 7.98, 8, 1); // a short is marked at the ask
        Assert.Equal(100_000 - 100 + 200 * (9 - 8), p.Equity, 9);
        Assert.Equal(200 * 8 * 0.5, p.MarginUsed, 9);
    }

    [Fact]
    public void Financing_moves_cash_and_is_carried_by_the_trade()
    {
        var p = new Portfolio("USD", 10_000);
        p.Apply(F(1_000, 10, 0), Spy, 1);
        p.ApplyFinancing("SPY", -2.5); // paid for one night
        p.Apply(F(-1_000, 10, 30), Spy, 1);
        var t = Assert.Single(p.Trades);
        Assert.Equal((0.0, 2.5, -2.5), (t.GrossPnl, t.Costs.Financing, t.Pnl));
        Assert.Equal(10_000 - 2.5, p.Cash);
        Assert.Equal(-2.5, p.Financing);
    }

    [Fact]
    public void A_euro_account_trading_usd_jpy_converts_yen_pnl_at_the_closing_rate()
    {
        var usdJpy = new TradableInstrument { Symbol = "USD_JPY", BaseCurrency = "USD", QuoteCurrency = "JPY", PipSize = 0.01, MarginRate = 0.05 };
        var p = new Portfolio("EUR", 10_000);
        // EUR_JPY is 160 at the entry and 162 at the exit: one yen is 1/160 then 1/162 euro.
        p.Apply(new Fill(1, "USD_JPY", T0, 10_000, 150.00, new Costs(0, 0, 0, 0), "entry"), usdJpy, 1 / 160.0);
        p.Mark(usdJpy, 150.50, 150.52, 1 / 161.0);
        Assert.Equal(10_000 + 10_000 * 0.50 / 161, p.Equity, 9);               // 5,000 yen open at 161
        Assert.Equal(10_000 * 150.50 * 0.05 / 161, p.MarginUsed, 9);           // 75,250 yen of margin
        p.Apply(new Fill(2, "USD_JPY", T0 + TimeSpan.TicksPerHour, -10_000, 151.00, new Costs(0, 0, 0, 0), "exit"), usdJpy, 1 / 162.0);
        Assert.Equal(10_000 * 1.00 / 162, Assert.Single(p.Trades).GrossPnl, 9); // 10,000 yen = 61.73 euro
        Assert.Equal(10_000 + 10_000 / 162.0, p.Cash, 9);
    }

    [Fact]
    public void Stop_out_when_equity_falls_below_the_level_times_the_margin()
    {
        var p = new Portfolio("USD", 10_000);
        p.Apply(F(1_000, 100, 0), Spy, 1);
        p.Mark(Spy, 100, 100, 1);                 // margin 50,000, equity 10,000
        Assert.False(p.IsBelowStopOut(0.2));      // 10,000 ≥ 10,000
        p.Mark(Spy, 99.99, 99.99, 1);             // equity 9,990 < 0.2 × 49,995
        Assert.True(p.IsBelowStopOut(0.2));
        Assert.Throws<ArgumentException>(() => p.Apply(F(0, 100, 1), Spy, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Portfolio("USD", double.NaN));
    }
}
