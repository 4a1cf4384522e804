using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Brokers;

/// <summary>
/// The local server's matching worked by hand on given quotes, so the tests that rely on it (ours
/// and the live runner's) rest on checked fills: touch prices, limit and trailing-stop triggers,
/// FIFO closing and realised P&amp;L in the account currency.
/// </summary>
public sealed class FakeServerMatchingTests
{
    //                                    step: 0        1        2        3        4
    private static readonly decimal[] Bids = [1.10000m, 1.10100m, 1.10050m, 1.09990m, 1.09900m];
    private static decimal[] Asks => [.. Bids.Select(b => b + 0.00020m)];

    private static async Task<(FakeOandaServer, OandaClient)> Start()
    {
        var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions() with { Quotes = new Dictionary<string, (decimal[], decimal[])> { ["EUR_USD"] = (Bids, Asks) } });
        return (server, new OandaClient(BrokerKit.ClientOptions(server)));
    }

    private static ClientOrderId Id(int n) => ClientOrderId.For("matching", "EUR_USD", 1, n);

    [Fact]
    public async Task A_trailing_stop_follows_the_best_bid_and_closes_at_the_touch_with_hand_worked_pnl()
    {
        var (server, client) = await Start();
        await using var _ = server;
        using var __ = client;
        // Buy 1,000 at the ask 1.10020; trail 0.00100 below the best bid: 1.09900 -> 1.10000 (bid 1.10100), then
        // bid 1.10050 (no move), then bid 1.09990 <= 1.10000: closed at 1.09990. P&L 1,000 * (1.09990 - 1.10020) = -0.30 USD.
        var buy = await client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id(1), Units = 1000, TrailingStopDistance = 0.00100m });
        Assert.Equal(1.10020m, buy.FillPrice);
        server.AdvancePrices();
        server.AdvancePrices();
        Assert.Single(await client.GetOpenTradesAsync());
        server.AdvancePrices();
        Assert.Empty(await client.GetOpenTradesAsync());
        var close = (await client.GetTransactionsSinceAsync(buy.LastTransactionId)).Single(t => t.Type == "ORDER_FILL");
        Assert.Equal("TRAILING_STOP_LOSS_ORDER", close.Reason);
        Assert.Equal(1.09990m, close.Price);
        Assert.Equal(-1000m, close.Units);
        Assert.Equal(-0.30m, close.RealizedPnl);
        Assert.Equal(100_000m - 0.30m, (await client.GetAccountSummaryAsync()).Balance);
    }

    [Fact]
    public async Task A_sell_limit_fills_when_the_bid_reaches_it_and_closes_the_oldest_long_first()
    {
        var (server, client) = await Start();
        await using var _ = server;
        using var __ = client;
        await client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id(1), Units = 600 });   // long 600 at 1.10020
        await client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id(2), Units = 400 });   // long 400 at 1.10020
        var limit = await client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id(3), Type = OrderType.Limit, Units = -700, Price = 1.10080m });
        Assert.Equal(OrderStatus.Accepted, limit.Status);
        server.AdvancePrices(); // bid 1.10100 >= 1.10080: sells 700 at the bid, closing the 600 trade and 100 of the 400
        var fill = (await client.GetTransactionsSinceAsync(limit.LastTransactionId)).Single(t => t.Type == "ORDER_FILL");
        Assert.Equal(1.10100m, fill.Price);
        Assert.Equal(700m * (1.10100m - 1.10020m), fill.RealizedPnl); // 0.56 USD
        var left = Assert.Single(await client.GetOpenTradesAsync());
        Assert.Equal(300m, left.CurrentUnits);
        Assert.Equal(Id(2).Value, left.ClientOrderId);
        Assert.Equal(300m, Assert.Single(await client.GetOpenPositionsAsync()).NetUnits);
    }
}
