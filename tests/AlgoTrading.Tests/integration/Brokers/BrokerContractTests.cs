using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Configuration;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Brokers;

/// <summary>
/// The broker contract: what every <see cref="IBroker"/> endpoint must do, run against our
/// v20-compatible server (always) and against the real OANDA practice account (only when
/// OANDA_TOKEN and OANDA_ACCOUNT_ID are set; skipped with a message otherwise). Orders use 1 unit
/// and prices far from the market so the practice account is barely touched.
/// </summary>
public abstract class BrokerContractTests : IAsyncLifetime
{
    protected OandaClient Client { get; private set; } = null!;
    protected OandaClientOptions Options { get; private set; } = null!;
    /// <summary>The local server, or null against the practice account.</summary>
    protected FakeOandaServer? Server { get; private set; }
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private int _sequence;

    protected abstract Task<(OandaClientOptions Options, FakeOandaServer? Server)> ConnectAsync();

    public async ValueTask InitializeAsync()
    {
        (Options, Server) = await ConnectAsync();
        Client = new OandaClient(Options);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected ClientOrderId NextId(string instrument = "EUR_USD") => ClientOrderId.For("contract-" + _run, instrument, DateTime.UtcNow.Ticks, _sequence++);

    protected async Task<BrokerPrice> Quote(string instrument = "EUR_USD") => (await Client.GetPricesAsync([instrument]))[0];

    [Fact]
    public async Task Summary_reports_balance_nav_margin_and_the_last_transaction()
    {
        var summary = await Client.GetAccountSummaryAsync();
        Assert.True(summary.Balance > 0);
        Assert.Matches("^[A-Z]{3}$", summary.Currency);
        Assert.True(summary.LastTransactionId > 0);
        Assert.Equal(summary.Balance + summary.UnrealizedPnl, summary.NetAssetValue, 2);
        if (Server is not null) Assert.Equal(100_000m, summary.Balance);
    }

    [Fact]
    public async Task Instruments_carry_precision_and_margin_rate()
    {
        var instruments = await Client.GetInstrumentsAsync();
        var eurusd = Assert.Single(instruments, i => i.Name == "EUR_USD");
        Assert.Equal(5, eurusd.DisplayPrecision);
        Assert.Equal(-4, eurusd.PipLocation);
        Assert.InRange(eurusd.MarginRate, 0.001m, 1m);
    }

    [Fact]
    public async Task Prices_have_bid_below_ask()
    {
        var price = await Quote();
        Assert.Equal("EUR_USD", price.Instrument);
        Assert.True(price.Bid > 0 && price.Ask > price.Bid, $"{price.Bid} / {price.Ask}");
        Assert.True(price.TimeUtc > DateTime.UtcNow.AddYears(-1) || Server is null);
    }

    [Fact]
    public async Task Market_order_fills_with_attached_orders_then_the_position_closes_flat()
    {
        var price = await Quote();
        var id = NextId();
        var result = await Client.SubmitOrderAsync(new BrokerOrderRequest
        {
            ClientId = id, Units = 1, PriceBound = price.Ask * 1.01m, TimeInForce = TimeInForce.FillOrKill,
            StopLoss = price.Bid * 0.95m, TakeProfit = price.Ask * 1.05m, TrailingStopDistance = 0.0100m,
        });
        Assert.Equal(OrderStatus.Filled, result.Status);
        Assert.Equal(1m, result.FilledUnits);
        Assert.NotNull(result.TradeId);
        Assert.False(result.Recovered);

        var attached = (await Client.GetPendingOrdersAsync()).Where(o => o.TradeId == result.TradeId).Select(o => o.Type).Order().ToList();
        Assert.Equal(["STOP_LOSS", "TAKE_PROFIT", "TRAILING_STOP_LOSS"], attached);
        Assert.Contains(await Client.GetOpenTradesAsync(), t => t.Id == result.TradeId && t.CurrentUnits == 1 && t.ClientOrderId == id.Value);
        Assert.Contains(await Client.GetOpenPositionsAsync(), p => p.Instrument == "EUR_USD" && p.LongUnits >= 1);

        var closing = await Client.ClosePositionAsync("EUR_USD");
        Assert.Contains(closing, t => t.Type == "ORDER_FILL" && t.Units < 0);
        Assert.DoesNotContain(await Client.GetOpenPositionsAsync(), p => p.Instrument == "EUR_USD");
        Assert.DoesNotContain(await Client.GetPendingOrdersAsync(), o => o.TradeId == result.TradeId);

        var log = await Client.GetTransactionsSinceAsync(result.LastTransactionId - 10);
        Assert.Contains(log, t => t.Type == "ORDER_FILL" && t.ClientOrderId == id.Value && t.Units == 1);
    }

    [Fact]
    public async Task Limit_order_rests_is_replaced_and_cancelled()
    {
        var price = await Quote();
        var first = NextId();
        var placed = await Client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = first, Type = OrderType.Limit, Units = 1, Price = price.Bid * 0.8m });
        Assert.Equal(OrderStatus.Accepted, placed.Status);
        Assert.Equal(OrderStatus.Accepted, (await Client.FindOrderAsync(first))!.Status);

        var second = NextId();
        var replaced = await Client.ReplaceOrderAsync(first, new BrokerOrderRequest { ClientId = second, Type = OrderType.Limit, Units = 1, Price = price.Bid * 0.7m });
        Assert.Equal(OrderStatus.Accepted, replaced.Status);
        Assert.Equal(OrderStatus.Cancelled, (await Client.FindOrderAsync(first))!.Status);
        var resting = (await Client.FindOrderAsync(second))!;
        Assert.Equal(Math.Round(price.Bid * 0.7m, 5), resting.Price);

        await Client.CancelOrderAsync(second);
        Assert.Equal(OrderStatus.Cancelled, (await Client.FindOrderAsync(second))!.Status);
        Assert.DoesNotContain(await Client.GetPendingOrdersAsync(), o => o.ClientId == second.Value);
    }

    [Fact]
    public async Task Stop_order_rests_until_cancelled()
    {
        var price = await Quote();
        var id = NextId();
        var placed = await Client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Type = OrderType.Stop, Units = -1, Price = price.Bid * 0.8m, TimeInForce = TimeInForce.GoodTillCancelled });
        Assert.Equal(OrderStatus.Accepted, placed.Status);
        Assert.Contains(await Client.GetPendingOrdersAsync(), o => o.ClientId == id.Value && o.Type == "STOP" && o.Units == -1);
        await Client.CancelOrderAsync(id);
    }

    [Fact]
    public async Task Submitting_the_same_client_id_twice_returns_the_first_order()
    {
        var price = await Quote();
        var request = new BrokerOrderRequest { ClientId = NextId(), Type = OrderType.Limit, Units = 1, Price = price.Bid * 0.8m };
        var first = await Client.SubmitOrderAsync(request);
        var again = await Client.SubmitOrderAsync(request);
        Assert.Equal(first.OrderId, again.OrderId);
        Assert.True(again.Recovered);
        Assert.Single(await Client.GetPendingOrdersAsync(), o => o.ClientId == request.ClientId.Value);
        await Client.CancelOrderAsync(request.ClientId);
    }

    [Fact]
    public async Task Unknown_order_is_not_found_and_names_the_order()
    {
        var id = NextId();
        Assert.Null(await Client.FindOrderAsync(id));
        var e = await Assert.ThrowsAsync<BrokerException>(() => Client.CancelOrderAsync(id));
        Assert.Equal(BrokerErrorKind.NotFound, e.Kind);
        Assert.Equal(id, e.Order);
        Assert.Contains(id.Value, e.Message);
    }

    [Fact]
    public async Task Wrong_token_is_unauthorised()
    {
        using var bad = new OandaClient(Options with { Token = new Secret("not-the-token") });
        var e = await Assert.ThrowsAsync<BrokerException>(() => bad.GetAccountSummaryAsync());
        Assert.Equal(BrokerErrorKind.Unauthorised, e.Kind);
        Assert.Equal(401, e.HttpStatus);
    }

    [Fact]
    public async Task Unknown_instrument_is_rejected_with_the_brokers_reason()
    {
        var id = ClientOrderId.For("contract-" + _run, "XXX_YYY", DateTime.UtcNow.Ticks, 0);
        var e = await Assert.ThrowsAsync<BrokerException>(() => Client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Units = 1 }));
        Assert.Equal(BrokerErrorKind.Rejected, e.Kind);
        Assert.NotNull(e.Reason);
        Assert.Equal(id, e.Order);
    }

    [Fact]
    public async Task Transaction_stream_delivers_the_fill_of_a_new_order()
    {
        var since = (await Client.GetAccountSummaryAsync()).LastTransactionId;
        var id = NextId();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = Task.Run(async () =>
        {
            await foreach (var t in Client.StreamTransactionsAsync(since, cts.Token))
                if (t.Type == "ORDER_FILL" && t.ClientOrderId == id.Value) return t;
            return null;
        });
        var price = await Quote();
        await Client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Units = 1, PriceBound = price.Ask * 1.01m });
        var fill = await seen;
        Assert.NotNull(fill);
        Assert.Equal(1m, fill.Units);
        cts.Cancel();
        await Client.ClosePositionAsync("EUR_USD");
    }

    [Fact]
    public async Task Price_stream_delivers_quotes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var prices = new List<BrokerPrice>();
        var reading = Task.Run(async () =>
        {
            await foreach (var p in Client.StreamPricesAsync(["EUR_USD", "USD_JPY"], cts.Token))
            {
                prices.Add(p);
                if (prices.Count >= 3) return;
            }
        });
        while (!reading.IsCompleted && Server is not null) { Server.AdvancePrices(); await Task.Delay(20); }
        await reading;
        Assert.All(prices, p => Assert.True(p.Ask > p.Bid));
        Assert.Contains(prices, p => p.Instrument == "USD_JPY" && p.Bid > 50);
    }

    [Fact]
    public async Task Transactions_by_id_range_are_consecutive_and_agree_with_sinceid()
    {
        var last = (await Client.GetAccountSummaryAsync()).LastTransactionId;
        long from = Math.Max(1, last - 4);
        var range = await Client.GetTransactionRangeAsync(from, last);
        Assert.Equal(Enumerable.Range((int)from, (int)(last - from + 1)).Select(i => (long)i), range.Select(t => t.Id));
        var since = await Client.GetTransactionsSinceAsync(from - 1);
        Assert.Equal(range.Select(t => (t.Id, t.Type)), since.Where(t => t.Id <= last).Select(t => (t.Id, t.Type)));
    }

    [Fact]
    public async Task Candles_page_reads_as_quote_bars()
    {
        var from = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var page = await Client.GetCandlesAsync("EUR_USD", "H1", "BA", from, from.AddHours(10), 0);
        var loaded = OandaCandlesLoader.Load(new MemoryStream(page), "candles");
        Assert.Equal(10, loaded.Series.Count);
        Assert.Equal(from.Ticks, loaded.Series.TimeTicks[0]);
        Assert.Equal(BarKind.Quote, Assert.IsType<BarSeries>(loaded.Series).Kind);
    }
}

/// <summary>The contract against our own v20-compatible server.</summary>
public sealed class LocalServerContractTests : BrokerContractTests
{
    protected override async Task<(OandaClientOptions, FakeOandaServer?)> ConnectAsync()
    {
        var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions());
        return (BrokerKit.ClientOptions(server), server);
    }
}

/// <summary>The same contract against the real OANDA practice account; runs only with OANDA_TOKEN and OANDA_ACCOUNT_ID set.</summary>
public sealed class PracticeAccountContractTests : BrokerContractTests
{
    protected override Task<(OandaClientOptions, FakeOandaServer?)> ConnectAsync()
    {
        var token = Environment.GetEnvironmentVariable("OANDA_TOKEN");
        var account = Environment.GetEnvironmentVariable("OANDA_ACCOUNT_ID");
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(account))
            Assert.Skip("OANDA_TOKEN / OANDA_ACCOUNT_ID not set: the practice-account contract run is skipped (the local-server run covers the same tests)");
        var options = OandaEnvironment.Resolve(new BrokerOptions(), DotEnvFile.Load("/nonexistent/.env"), live: false);
        return Task.FromResult<(OandaClientOptions, FakeOandaServer?)>((options with { Log = BrokerKit.Captured.Enqueue }, null));
    }
}
