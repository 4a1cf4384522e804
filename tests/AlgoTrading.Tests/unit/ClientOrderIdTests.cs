using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

public class ClientOrderIdTests
{
    [Fact]
    public void The_same_decision_gives_the_same_id_and_any_component_changes_it()
    {
        long t = Utc(2024, 1, 3, 10).Ticks;
        var id = ClientOrderId.For("sma-cross", "EUR_USD", t, 0);
        Assert.Equal(id.Value, ClientOrderId.For("sma-cross", "EUR_USD", t, 0).Value);
        Assert.Matches("^at-[0-9a-f]{20}$", id.Value);
        string[] others =
        [
            ClientOrderId.For("sma-cross2", "EUR_USD", t, 0).Value,
            ClientOrderId.For("sma-cross", "GBP_USD", t, 0).Value,
            ClientOrderId.For("sma-cross", "EUR_USD", t + 1, 0).Value,
            ClientOrderId.For("sma-cross", "EUR_USD", t, 1).Value,
        ];
        Assert.DoesNotContain(id.Value, others);
        Assert.Equal(others.Length, others.Distinct().Count());
        Assert.Equal(("EUR_USD", 0), (id.Instrument, id.Sequence));
    }

    [Theory]
    [InlineData("sma\ncross", "EUR_USD")]
    [InlineData("sma-cross", "EUR_USD\u0000")]
    [InlineData("a\tb", "EUR_USD")]
    public void Names_with_control_characters_are_refused_because_they_could_collide(string strategy, string instrument)
    {
        var e = Assert.Throws<ArgumentException>(() => ClientOrderId.For(strategy, instrument, 0, 0));
        Assert.Contains("control characters", e.Message);
    }
}
