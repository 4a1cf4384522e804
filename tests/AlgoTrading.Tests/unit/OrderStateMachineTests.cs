using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

/// <summary>Every move of the order state machine from every state: the legal ones land where the diagram says, the rest throw naming the order.</summary>
public class OrderStateMachineTests
{
    private static Order NewOrder() => new(7, new OrderRequest("EUR_USD", 1_000, OrderType.Limit, 1.1) { Reason = "entry" }, Utc(2024, 1, 2).Ticks);

    // Reaches each state by legal moves only.
    private static Order In(OrderStatus state)
    {
        var o = NewOrder();
        switch (state)
        {
            case OrderStatus.Created: break;
            case OrderStatus.Submitted: o.Submit(); break;
            case OrderStatus.Accepted: o.Submit(); o.Accept(); break;
            case OrderStatus.PartiallyFilled: o.Submit(); o.Accept(); o.Fill(400, 1.1); break;
            case OrderStatus.Filled: o.Submit(); o.Accept(); o.Fill(1_000, 1.1); break;
            case OrderStatus.Cancelled: o.Cancel("test"); break;
            case OrderStatus.Rejected: o.Reject("test"); break;
            case OrderStatus.Expired: o.Submit(); o.Accept(); o.Expire("test"); break;
        }
        Assert.Equal(state, o.Status);
        return o;
    }

    private static readonly Dictionary<string, Action<Order>> Moves = new()
    {
        ["submit"] = o => o.Submit(),
        ["accept"] = o => o.Accept(),
        ["reject"] = o => o.Reject("risk"),
        ["cancel"] = o => o.Cancel("strategy"),
        ["expire"] = o => o.Expire("gtd"),
        ["fill"] = o => o.Fill(100, 1.1),
        ["replace"] = o => o.Replace(o.Request with { Price = 1.09 }),
    };

    // (from, move) → the state after it; pairs not listed are illegal.
    private static readonly Dictionary<(OrderStatus, string), OrderStatus> Legal = new()
    {
        [(OrderStatus.Created, "submit")] = OrderStatus.Submitted,
        [(OrderStatus.Created, "reject")] = OrderStatus.Rejected,
        [(OrderStatus.Created, "cancel")] = OrderStatus.Cancelled,
        [(OrderStatus.Created, "replace")] = OrderStatus.Created,
        [(OrderStatus.Submitted, "accept")] = OrderStatus.Accepted,
        [(OrderStatus.Submitted, "reject")] = OrderStatus.Rejected,
        [(OrderStatus.Submitted, "cancel")] = OrderStatus.Cancelled,
        [(OrderStatus.Submitted, "replace")] = OrderStatus.Submitted,
        [(OrderStatus.Accepted, "fill")] = OrderStatus.PartiallyFilled,
        [(OrderStatus.Accepted, "cancel")] = OrderStatus.Cancelled,
        [(OrderStatus.Accepted, "expire")] = OrderStatus.Expired,
        [(OrderStatus.Accepted, "replace")] = OrderStatus.Accepted,
        [(OrderStatus.PartiallyFilled, "fill")] = OrderStatus.PartiallyFilled,
        [(OrderStatus.PartiallyFilled, "cancel")] = OrderStatus.Cancelled,
        [(OrderStatus.PartiallyFilled, "expire")] = OrderStatus.Expired,
        [(OrderStatus.PartiallyFilled, "replace")] = OrderStatus.PartiallyFilled,
    };

    public static TheoryData<OrderStatus, string> AllPairs()
    {
        var data = new TheoryData<OrderStatus, string>();
        foreach (var s in Enum.GetValues<OrderStatus>()) foreach (var m in Moves.Keys) data.Add(s, m);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Each_move_from_each_state_is_legal_exactly_as_the_diagram_says(OrderStatus from, string move)
    {
        var order = In(from);
        if (Legal.TryGetValue((from, move), out var to))
        {
            Moves[move](order);
            Assert.Equal(to, order.Status);
            Assert.Equal(to is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired, order.IsFinal);
        }
        else
        {
            var e = Assert.Throws<InvalidOperationException>(() => Moves[move](order));
            Assert.Contains($"order 7 {order.ClientId.Value}", e.Message);
            Assert.Contains("EUR_USD", e.Message);
            Assert.Equal(from, order.Status); // an illegal move changes nothing
        }
    }

    [Fact]
    public void Partial_fills_add_up_to_filled_with_the_average_price()
    {
        var o = In(OrderStatus.Accepted);
        o.Fill(400, 1.1000);
        Assert.Equal((OrderStatus.PartiallyFilled, 600.0), (o.Status, o.RemainingUnits));
        o.Fill(600, 1.1010);
        Assert.Equal(OrderStatus.Filled, o.Status);
        Assert.Equal((400 * 1.1000 + 600 * 1.1010) / 1000, o.AverageFillPrice, 12);
        Assert.Throws<InvalidOperationException>(() => In(OrderStatus.Accepted).Fill(1_001, 1.1)); // more than ordered
        Assert.Throws<InvalidOperationException>(() => In(OrderStatus.Accepted).Fill(-10, 1.1));   // the wrong way
    }

    [Fact]
    public void A_replacement_keeps_the_identity_and_may_not_change_instrument_type_direction_or_undercut_the_fills()
    {
        var o = In(OrderStatus.PartiallyFilled);
        var id = o.ClientId;
        o.Replace(o.Request with { Units = 800, Price = 1.095 });
        Assert.Equal((id, 7L, 1.095, 800.0), (o.ClientId, o.Id, o.Request.Price!.Value, o.Request.Units));
        Assert.Throws<InvalidOperationException>(() => o.Replace(o.Request with { Instrument = "GBP_USD" }));
        Assert.Throws<InvalidOperationException>(() => o.Replace(o.Request with { Units = -800 }));
        Assert.Throws<InvalidOperationException>(() => o.Replace(o.Request with { Type = OrderType.Stop }));
        Assert.Throws<InvalidOperationException>(() => o.Replace(o.Request with { Units = 400 }));
    }

    [Fact]
    public void The_client_id_is_the_deterministic_key_of_the_decision()
    {
        Assert.Equal(NewOrder().ClientId, NewOrder().ClientId);
        var id = ClientOrderId.For("sma-cross", "EUR_USD", 42, 0);
        Assert.Equal(id, new Order(1, new OrderRequest("EUR_USD", 1), 42, id).ClientId);
        Assert.Throws<ArgumentException>(() => new Order(1, new OrderRequest("EUR_USD", 0), 42));
        Assert.Throws<ArgumentException>(() => new Order(1, new OrderRequest("EUR_USD", 1, OrderType.Stop), 42));
        Assert.Throws<ArgumentException>(() => new Order(1, new OrderRequest("EUR_USD", 1) { TimeInForce = TimeInForce.GoodTillDate }, 42));
    }
}
