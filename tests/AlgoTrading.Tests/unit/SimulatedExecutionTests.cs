using AlgoTrading.Execution.Simulation;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

/// <summary>The simulated execution client on bars small enough to work every fill out by hand.</summary>
public class SimulatedExecutionTests
{
    private static readonly TradableInstrument Spy = new() { Symbol = "SPY", BaseCurrency = "SPY", QuoteCurrency = "USD", IsForex = false, PipSize = 0.01 };
    private static readonly long T0 = Utc(2024, 1, 2, 10).Ticks;
    private static long Hour(int h) => T0 + h * TimeSpan.TicksPerHour;

    // One price on both sides: no spread, so every fill price below is the rule's price itself.
    private static QuoteBarView Bar(double o, double h, double l, double c) => new(o, h, l, c, o, h, l, c);

    private sealed class Recorder
    {
        public readonly List<OrderEvent> Events = [];
        public readonly SimulatedExecutionClient Client;
        public Recorder(SimulationOptions? options = null)
        {
            Client = new SimulatedExecutionClient([Spy], (options ?? new SimulationOptions()) with { ApplyCosts = false });
            Client.Events += Events.Add;
        }
        public Order Send(OrderRequest r, int sequence = 0) => Client.Submit(r, ClientOrderId.For("test", r.Instrument, T0, sequence), T0);
        public IEnumerable<Fill> Fills => Events.OfType<OrderFilled>().Select(e => e.Fill);
    }

    [Fact]
    public void The_bar_is_read_only_as_far_as_the_working_orders_need_it()
    {
        // What the backtest engine reads of the next bar: nothing while nothing works, the opens for a
        // bare market order (it fills at the open), every field for a limit, a stop or attached exits.
        var r = new Recorder();
        Assert.Equal(BarNeed.None, r.Client.NeedOf(0));
        r.Send(new OrderRequest("SPY", 10));
        Assert.Equal(BarNeed.Opens, r.Client.NeedOf(0));
        r.Client.OnBar(0, Hour(1), new QuoteBarView(100, double.NaN, double.NaN, double.NaN, 100.02, double.NaN, double.NaN, double.NaN), 1);
        Assert.Equal((10.0, 100.02), (r.Fills.Single().Units, r.Fills.Single().Price)); // bought at the ask open; the NaN fields were never read
        Assert.Equal(BarNeed.None, r.Client.NeedOf(0));
        r.Send(new OrderRequest("SPY", -10, OrderType.Limit, 105), 1);
        Assert.Equal(BarNeed.Full, r.Client.NeedOf(0));
        var withExit = new Recorder();
        withExit.Send(new OrderRequest("SPY", 10) { StopLossDistance = 1 });
        Assert.Equal(BarNeed.Full, withExit.Client.NeedOf(0)); // its stop is placed at the fill and checked on the same bar
        withExit.Client.OnBar(0, Hour(1), Bar(100, 100.5, 98.5, 99), 1);
        Assert.Equal(2, withExit.Fills.Count()); // filled at 100, stopped at 99 in the same bar
        Assert.Equal(BarNeed.None, withExit.Client.NeedOf(0));
        var atr = new Recorder(new SimulationOptions { SlippageAtrFraction = 0.1 });
        Assert.Equal(BarNeed.Full, atr.Client.NeedOf(0)); // the ATR counts every bar
    }

    [Fact]
    public void A_sell_stop_gapped_through_fills_at_the_worse_open()
    {
        var r = new Recorder();
        var o = r.Send(new OrderRequest("SPY", -10, OrderType.Stop, 99));
        r.Client.OnBar("SPY", Hour(1), Bar(100, 101, 99.5, 100), 1);   // low 99.5 stays above the stop
        Assert.Equal(OrderStatus.Accepted, o.Status);
        r.Client.OnBar("SPY", Hour(2), Bar(97, 98, 96, 97.5), 1);      // opens at 97, below the stop of 99
        var fill = Assert.Single(r.Fills);
        Assert.Equal((-10.0, 97.0, Hour(2)), (fill.Units, fill.Price, fill.TimeUtcTicks));
        Assert.Equal(OrderStatus.Filled, o.Status);
    }

    [Fact]
    public void A_limit_touched_exactly_fills_at_the_limit_and_one_a_cent_away_does_not()
    {
        var r = new Recorder();
        var touched = r.Send(new OrderRequest("SPY", 10, OrderType.Limit, 98));
        var missed = r.Send(new OrderRequest("SPY", 10, OrderType.Limit, 97.99), 1);
        r.Client.OnBar("SPY", Hour(1), Bar(100, 100.5, 98, 99), 1);
        Assert.Equal((OrderStatus.Filled, 98.0), (touched.Status, Assert.Single(r.Fills).Price));
        Assert.Equal(OrderStatus.Accepted, missed.Status);
        Assert.Single(r.Client.WorkingOrders);
    }

    [Theory]
    [InlineData(SameBarExitOrder.WorseFirst, 98.0, "exit:stop_loss")]
    [InlineData(SameBarExitOrder.BetterFirst, 103.0, "exit:take_profit")]
    public void Stop_loss_and_take_profit_in_one_bar_fill_as_configured_and_cancel_each_other(SameBarExitOrder order, double price, string reason)
    {
        var r = new Recorder(new SimulationOptions { SameBarExits = order });
        r.Send(new OrderRequest("SPY", 100) { StopLoss = 98, TakeProfit = 103, Reason = "entry" });
        r.Client.OnBar("SPY", Hour(1), Bar(100, 101, 99, 100), 1);     // entry at the open, 100; neither exit reached
        Assert.Equal(2, r.Client.WorkingOrders.Count);
        r.Client.OnBar("SPY", Hour(2), Bar(100, 104, 97, 101), 1);     // the bar reaches 98 and 103
        var fills = r.Fills.ToList();
        Assert.Equal([(100.0, 100.0, "entry"), (-100.0, price, reason)], fills.Select(f => (f.Units, f.Price, f.Reason)));
        var cancelled = Assert.Single(r.Events.OfType<OrderCancelled>());
        Assert.StartsWith("linked exit", cancelled.Reason);
        Assert.Empty(r.Client.WorkingOrders);
    }

    [Fact]
    public void Immediate_or_cancel_fills_what_the_bar_offers_and_fill_or_kill_fills_nothing()
    {
        var r = new Recorder(new SimulationOptions { MaxUnitsPerBar = 400 });
        var ioc = r.Send(new OrderRequest("SPY", 1_000) { TimeInForce = TimeInForce.ImmediateOrCancel });
        var fok = r.Send(new OrderRequest("SPY", -1_000) { TimeInForce = TimeInForce.FillOrKill }, 1);
        r.Client.OnBar("SPY", Hour(1), Bar(100, 101, 99, 100), 1);
        Assert.Equal((400.0, 100.0), (Assert.Single(r.Fills).Units, r.Fills.Single().Price));
        Assert.Equal((OrderStatus.Cancelled, 400.0), (ioc.Status, ioc.FilledUnits));
        Assert.Contains("600 units not filled", ioc.StatusReason);
        Assert.Equal((OrderStatus.Cancelled, 0.0), (fok.Status, fok.FilledUnits));
        // A GTC order with the same cap fills over three bars instead.
        var gtc = r.Send(new OrderRequest("SPY", 1_000), 2);
        for (int h = 2; h <= 4; h++) r.Client.OnBar("SPY", Hour(h), Bar(100 + h, 110, 90, 100), 1);
        Assert.Equal(OrderStatus.Filled, gtc.Status);
        Assert.Equal((400 * 102 + 400 * 103 + 200 * 104) / 1000.0, gtc.AverageFillPrice, 12);
    }

    [Fact]
    public void Good_till_date_and_day_orders_expire()
    {
        var r = new Recorder();
        var gtd = r.Send(new OrderRequest("SPY", 10, OrderType.Limit, 90) { TimeInForce = TimeInForce.GoodTillDate, ExpiryUtcTicks = Hour(2) });
        // The FX trading day ends 17:00 New York = 22:00 UTC in January; T0 is 10:00 UTC.
        var day = r.Send(new OrderRequest("SPY", 10, OrderType.Limit, 90) { TimeInForce = TimeInForce.Day }, 1);
        r.Client.OnBar("SPY", Hour(1), Bar(100, 101, 99, 100), 1);
        Assert.Equal((OrderStatus.Accepted, OrderStatus.Accepted), (gtd.Status, day.Status));
        r.Client.OnBar("SPY", Hour(2), Bar(100, 101, 99, 100), 1);
        Assert.Equal((OrderStatus.Expired, OrderStatus.Accepted), (gtd.Status, day.Status));
        r.Client.OnBar("SPY", Hour(11), Bar(100, 101, 99, 100), 1);    // 21:00 UTC: still the same day
        Assert.Equal(OrderStatus.Accepted, day.Status);
        r.Client.OnBar("SPY", Hour(12), Bar(100, 101, 99, 100), 1);    // 22:00 UTC: a new trading day
        Assert.Equal(OrderStatus.Expired, day.Status);
        Assert.Equal(2, r.Events.OfType<OrderExpired>().Count());
    }

    [Fact]
    public void Quotes_buy_at_the_ask_and_sell_at_the_bid_and_an_attached_stop_can_be_moved_to_break_even()
    {
        var r = new Recorder();
        r.Send(new OrderRequest("SPY", 10) { StopLoss = 95, Reason = "entry" });
        r.Client.OnBar("SPY", Hour(1), new QuoteBarView(99.9, 101, 99, 100, 100.1, 101.2, 99.2, 100.2), 1);
        Assert.Equal(100.1, r.Fills.Single().Price);                      // bought at the ask open
        var stop = Assert.Single(r.Client.WorkingOrders);
        r.Client.Replace(stop.ClientId, stop.Request with { Price = 100.1 }); // break-even
        Assert.Equal(stop.Id, r.Client.WorkingOrders.Single().Id);
        r.Client.OnBar("SPY", Hour(2), new QuoteBarView(100.5, 101, 99.8, 100, 100.7, 101.2, 100, 100.2), 1);
        Assert.Equal((-10.0, 100.1, "exit:stop_loss"), (r.Fills.Last().Units, r.Fills.Last().Price, r.Fills.Last().Reason)); // bid low 99.8 crossed 100.1
        // The same decision submitted twice is one order (the client id is the idempotency key).
        var again = new OrderRequest("SPY", 10);
        Assert.Same(r.Send(again, 9), r.Send(again, 9));
    }

    [Fact]
    public void Exits_belong_to_the_net_position_resized_when_it_shrinks_and_cancelled_when_it_closes()
    {
        var r = new Recorder();
        r.Send(new OrderRequest("SPY", 100) { StopLossDistance = 2, TakeProfitDistance = 5, Reason = "entry" });
        r.Client.OnBar("SPY", Hour(1), Bar(100, 101, 99, 100), 1);      // bought 100 at 100: stop 98, target 105, for -100
        Assert.Equal([(-100.0, 98.0), (-100.0, 105.0)], r.Client.WorkingOrders.Select(o => (o.Request.Units, o.Request.Price!.Value)));
        r.Send(new OrderRequest("SPY", -40) { Reason = "reduce" }, 1);
        r.Client.OnBar("SPY", Hour(2), Bar(100, 101, 99, 100), 1);      // sold 40: the exits now close the 60 left
        Assert.Equal([-60.0, -60.0], r.Client.WorkingOrders.Select(o => o.Request.Units));
        r.Send(new OrderRequest("SPY", -60) { Reason = "close" }, 2);
        r.Client.OnBar("SPY", Hour(3), Bar(100, 101, 97, 100), 1);      // closed at the open; the stop at 98 must not fill on a flat account
        Assert.Empty(r.Client.WorkingOrders);
        Assert.Equal(0, r.Client.PositionOf("SPY"));
        Assert.Equal(2, r.Events.OfType<OrderCancelled>().Count(e => e.Reason.StartsWith("position closed by", StringComparison.Ordinal)));
        Assert.Equal([100.0, -40, -60], r.Fills.Select(f => f.Units));
    }

    [Fact]
    public void A_reversal_replaces_the_old_exits_with_the_new_positions_measured_from_its_fill()
    {
        var r = new Recorder();
        r.Send(new OrderRequest("SPY", 100) { StopLossDistance = 2, Reason = "entry" });
        r.Client.OnBar("SPY", Hour(1), Bar(100, 101, 99, 100), 1);
        r.Send(new OrderRequest("SPY", -300) { StopLossDistance = 3, Reason = "reverse" }, 1);
        r.Client.OnBar("SPY", Hour(2), Bar(101, 101.5, 100, 101), 1);   // sold 300 at 101: short 200, stop 104 for +200
        var stop = Assert.Single(r.Client.WorkingOrders);
        Assert.Equal((200.0, 104.0, "exit:stop_loss"), (stop.Request.Units, stop.Request.Price!.Value, stop.Request.Reason));
        Assert.Equal(-200, r.Client.PositionOf("SPY"));
    }

    [Fact]
    public void A_closing_order_with_exits_attaches_none_to_a_flat_account()
    {
        var r = new Recorder();
        r.Send(new OrderRequest("SPY", 100) { Reason = "entry" });
        r.Client.OnBar("SPY", Hour(1), Bar(100, 101, 99, 100), 1);
        r.Send(new OrderRequest("SPY", -100) { StopLossDistance = 2, TakeProfitDistance = 4, Reason = "exit" }, 1);
        r.Client.OnBar("SPY", Hour(2), Bar(100, 101, 99, 100), 1);
        Assert.Empty(r.Client.WorkingOrders);
    }
}
