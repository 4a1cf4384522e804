using AlgoTrading.Domain;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The trading core's order history: every order in creation order as of its latest event, a working
/// order read from the order itself and a finished one from the record written when it finished.
/// </summary>
public class OrderHistoryTests
{
    private static Order Accepted(long id, double units, double? price = null)
    {
        var order = new Order(id, new OrderRequest("EUR_USD", units, price is null ? OrderType.Market : OrderType.Limit, price) { Reason = $"o{id}" }, 1_000 + id);
        order.Submit();
        order.Accept();
        return order;
    }

    [Fact]
    public void A_working_order_shows_its_latest_state_and_a_finished_one_keeps_its_final_state()
    {
        var history = new OrderHistory();
        var limit = Accepted(1, 1_000, 1.1);
        var market = Accepted(2, -500);
        var refused = new Order(0, new OrderRequest("EUR_USD", 300) { Reason = "refused" }, 5);
        refused.Reject("max_units 0");
        history.Add(limit);
        history.Add(market);
        history.Add(refused);

        Assert.Equal(3, history.Count);
        Assert.Equal([1L, 2L, 0L], history.Select(r => r.Id).ToArray());
        Assert.Equal(OrderStatus.Accepted, history[0].Status);
        Assert.Equal(OrderStatus.Rejected, history[2].Status);
        Assert.Equal("max_units 0", history[2].StatusReason);

        // Partly filled and replaced while working: read as it is now.
        limit.Fill(400, 1.1);
        history.Changed(limit);
        limit.Replace(limit.Request with { Price = 1.09 });
        history.Changed(limit);
        Assert.Equal((OrderStatus.PartiallyFilled, 400.0, (double?)1.09), (history[0].Status, history[0].FilledUnits, history[0].Price));

        // Finished: the record is written then, and later changes to the object cannot reach it.
        market.Fill(-500, 1.2);
        history.Changed(market);
        limit.Cancel("replaced by a new decision");
        history.Changed(limit);
        Assert.Equal((OrderStatus.Filled, -500.0, 1.2), (history[1].Status, history[1].FilledUnits, history[1].AverageFillPrice));
        Assert.Equal((OrderStatus.Cancelled, "replaced by a new decision", (double?)1.09), (history[0].Status, history[0].StatusReason, history[0].Price));
        Assert.Equal(new[] { history[0], history[1], history[2] }, history.ToArray());
        // Kept as a row of numbers with its strings as codes: every field reads back as the order had it.
        Assert.Equal(OrderRecord.Of(market), history[1]);
        Assert.Equal(OrderRecord.Of(limit), history[0]);
        Assert.Equal(OrderRecord.Of(refused), history[2]);
        Assert.Equal((market.ClientId, market.ClientId.Value, (double?)null, "o2"), (history[1].ClientId, history[1].ClientId.Value, history[1].Price, history[1].Reason));
    }

    [Fact]
    public void A_finished_order_reads_back_every_field_each_from_its_own_source()
    {
        // Every field differs from the others it could be confused with: the id's instrument from the
        // order's, its decision time from the creation time, its sequence from the id; a time in force
        // other than the default; a cancel reason and an average price.
        var id = ClientOrderId.For("sma-cross:take_profit", "GBP_USD", 5_000, 3);
        var request = new OrderRequest("EUR_USD", -2_500, OrderType.Stop, 1.0825) { Reason = "exit:take_profit", TimeInForce = TimeInForce.GoodTillDate, ExpiryUtcTicks = 9_000 };
        var order = new Order(41, request, 7_000, id);
        order.Submit();
        order.Accept();
        order.Fill(-1_000, 1.0824);
        order.Cancel("position closed by at-0123");
        var history = new OrderHistory();
        var first = new Order(0, new OrderRequest("USD_JPY", 10) { Reason = "first" }, 1, ClientOrderId.For("other", "USD_JPY", 1, 0));
        first.Reject("max_units 0");
        history.Add(first); // a row whose strings take the first codes
        history.Add(order);

        var r = history[1];
        Assert.Equal(OrderRecord.Of(order), r);
        Assert.Equal((41L, "sma-cross:take_profit", "GBP_USD", 5_000L, 3), (r.Id, r.ClientId.Strategy, r.ClientId.Instrument, r.ClientId.DecisionUtcTicks, r.ClientId.Sequence));
        Assert.Equal(("EUR_USD", OrderType.Stop, -2_500.0, (double?)1.0825, TimeInForce.GoodTillDate, "exit:take_profit", 7_000L),
            (r.Instrument, r.Type, r.Units, r.Price, r.TimeInForce, r.Reason, r.CreatedUtcTicks));
        Assert.Equal((OrderStatus.Cancelled, "position closed by at-0123", -1_000.0, 1.0824), (r.Status, r.StatusReason, r.FilledUnits, r.AverageFillPrice));
        Assert.Equal(OrderRecord.Of(first), history[0]);
        Assert.Equal((OrderStatus.Rejected, "max_units 0", "other", "first"), (history[0].Status, history[0].StatusReason, history[0].ClientId.Strategy, history[0].Reason));
    }

    [Fact]
    public void An_order_it_never_added_changes_nothing_and_an_index_past_the_end_is_refused()
    {
        var history = new OrderHistory();
        var known = Accepted(1, 100);
        history.Add(known);
        var stranger = Accepted(2, 100);
        stranger.Fill(100, 1.3);
        history.Changed(stranger);

        Assert.Equal(1, Assert.Single(history).Id);
        Assert.Equal(OrderStatus.Accepted, history[0].Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => history[1]);
    }
}
