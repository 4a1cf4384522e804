using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// An order request is a value: its optional exits and expiry (kept apart from the plain fields, which
/// most requests are made of) read back exactly as given, compare by value, and a copy made with
/// <c>with</c> never changes the request it was made from.
/// </summary>
public class OrderRequestTests
{
    // A tick after a round second: a GTD expiry stored as a double would lose it (ticks exceed 2^53).
    private static readonly long Expiry = new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc).Ticks + 1;

    [Fact]
    public void Every_optional_field_reads_back_exactly_as_given()
    {
        var r = new OrderRequest("EUR_USD", -2_500, OrderType.Stop, 1.0835)
        {
            StopLoss = 1.0900, TakeProfit = 1.0700, StopLossDistance = 0.0065, TakeProfitDistance = 0.0135, TrailingDistance = 0.0020,
            ExpiryUtcTicks = Expiry, TimeInForce = TimeInForce.GoodTillDate, Reason = "entry",
        };
        Assert.Equal((1.0835, 1.0900, 1.0700, 0.0065, 0.0135, 0.0020), (r.Price!.Value, r.StopLoss!.Value, r.TakeProfit!.Value, r.StopLossDistance!.Value, r.TakeProfitDistance!.Value, r.TrailingDistance!.Value));
        Assert.Equal(Expiry, r.ExpiryUtcTicks);
        Assert.True(r.HasAttachedExits);

        var plain = new OrderRequest("EUR_USD", 1_000);
        Assert.Equal((double?)null, plain.Price);
        Assert.Null(plain.StopLoss);
        Assert.Null(plain.TakeProfit);
        Assert.Null(plain.StopLossDistance);
        Assert.Null(plain.TakeProfitDistance);
        Assert.Null(plain.TrailingDistance);
        Assert.Null(plain.ExpiryUtcTicks);
        Assert.False(plain.HasAttachedExits);
        // An expiry alone attaches no exit.
        Assert.False((plain with { ExpiryUtcTicks = Expiry }).HasAttachedExits);
        foreach (var withExit in new[] { plain with { StopLoss = 1.0 }, plain with { TakeProfit = 1.2 }, plain with { StopLossDistance = 0.001 },
                     plain with { TakeProfitDistance = 0.002 }, plain with { TrailingDistance = 0.001 } })
            Assert.True(withExit.HasAttachedExits);

        // Set in either order, an expiry and an exit both stay.
        var expiryFirst = new OrderRequest("EUR_USD", 1_000) { ExpiryUtcTicks = Expiry, StopLoss = 1.09 };
        var exitFirst = new OrderRequest("EUR_USD", 1_000) { StopLoss = 1.09, ExpiryUtcTicks = Expiry };
        Assert.Equal((Expiry, 1.09), (expiryFirst.ExpiryUtcTicks!.Value, expiryFirst.StopLoss!.Value));
        Assert.Equal(expiryFirst, exitFirst);
    }

    [Fact]
    public void A_copy_made_with_with_leaves_the_original_unchanged()
    {
        var original = new OrderRequest("EUR_USD", 1_000) { StopLoss = 1.08, TakeProfit = 1.12 };
        var moved = original with { StopLoss = 1.09 };
        var cleared = original with { TakeProfit = null };

        Assert.Equal(1.08, original.StopLoss);
        Assert.Equal(1.12, original.TakeProfit);
        Assert.Equal((1.09, 1.12), (moved.StopLoss!.Value, moved.TakeProfit!.Value));
        Assert.Equal(1.08, cleared.StopLoss);
        Assert.Null(cleared.TakeProfit);
    }

    [Fact]
    public void Requests_compare_by_value_and_none_given_equals_none_set()
    {
        var a = new OrderRequest("EUR_USD", 1_000) { StopLossDistance = 0.002, Reason = "entry" };
        var b = new OrderRequest("EUR_USD", 1_000) { StopLossDistance = 0.002, Reason = "entry" };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { StopLossDistance = 0.003 });

        // The decision pipeline sets the exit distances, null when the strategy gave none: the same request as one that sets none.
        var none = new OrderRequest("EUR_USD", 1_000) { StopLoss = null, TakeProfit = null, StopLossDistance = null, TakeProfitDistance = null, TrailingDistance = null, ExpiryUtcTicks = null };
        var unset = new OrderRequest("EUR_USD", 1_000);
        Assert.Equal(unset, none);
        Assert.Equal(unset.GetHashCode(), none.GetHashCode());
        // Set, then taken away again: back to none.
        Assert.Equal(unset, a with { StopLossDistance = null, Reason = "" });
    }
}
