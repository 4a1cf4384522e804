using System.Diagnostics;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Brokers;

/// <summary>
/// One injected fault at a time against the local server: every HTTP error and reject reason maps to
/// its typed error naming the order, lost answers never create a second order, reads are retried,
/// 429s honour Retry-After, and broken streams are reconnected, backfilled and never half-parsed.
/// </summary>
public sealed class OandaFaultTests : IAsyncLifetime
{
    private FakeOandaServer _server = null!;
    private OandaClient _client = null!;
    private readonly List<string> _log = [];

    public async ValueTask InitializeAsync()
    {
        _server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions());
        _client = new OandaClient(BrokerKit.ClientOptions(_server) with { Log = Log });
        await _client.GetInstrumentsAsync(); // the client loads precisions once; queued faults then hit the request under test
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private void Log(string line) { lock (_log) _log.Add(line); BrokerKit.Captured.Enqueue(line); }

    private static int _n;
    private static ClientOrderId Id(string instrument = "EUR_USD") => ClientOrderId.For("faults", instrument, 638_000_000_000_000_000, Interlocked.Increment(ref _n));

    private int OrdersWithClientId(ClientOrderId id)
    {
        lock (_server.Account.Gate)
            return _server.Account.Transactions.Count(t => ((string?)t["type"])!.EndsWith("_ORDER", StringComparison.Ordinal) && (string?)t["clientExtensions"]?["id"] == id.Value);
    }

    [Theory]
    [InlineData("INSUFFICIENT_MARGIN", BrokerErrorKind.InsufficientMargin)]
    [InlineData("MARKET_HALTED", BrokerErrorKind.MarketHalted)]
    [InlineData("INSTRUMENT_NOT_TRADEABLE", BrokerErrorKind.MarketHalted)]
    [InlineData("UNITS_LIMIT_EXCEEDED", BrokerErrorKind.Rejected)]
    [InlineData("PRICE_DISTANCE_MAXIMUM_EXCEEDED", BrokerErrorKind.Rejected)]
    [InlineData("ACCOUNT_LOCKED", BrokerErrorKind.Rejected)]
    public async Task Each_reject_reason_maps_to_its_typed_error_and_names_the_order(string reason, BrokerErrorKind kind)
    {
        _server.Faults.Reset(new FaultOptions { RejectReasons = [reason] });
        _server.Faults.Enqueue(FaultKind.Reject);
        var id = Id();
        var e = await Assert.ThrowsAsync<BrokerException>(() => _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Units = 10 }));
        Assert.Equal(kind, e.Kind);
        Assert.Equal(reason, e.Reason);
        Assert.Equal(id, e.Order);
        Assert.Equal(400, e.HttpStatus);
        Assert.Contains(id.Value, e.Message);
        Assert.Equal(0, OrdersWithClientId(id));
    }

    [Theory]
    [InlineData(FaultKind.ServerError, BrokerErrorKind.Transient)]
    [InlineData(FaultKind.RateLimited, BrokerErrorKind.RateLimited)]
    [InlineData(FaultKind.AbortBeforeExecution, BrokerErrorKind.Transient)]
    [InlineData(FaultKind.MalformedJson, BrokerErrorKind.Transient)]
    public async Task A_read_failing_on_every_retry_becomes_its_typed_error(FaultKind fault, BrokerErrorKind kind)
    {
        _server.Faults.Enqueue([.. Enumerable.Repeat(fault, 7)]);
        var e = await Assert.ThrowsAsync<BrokerException>(() => _client.GetAccountSummaryAsync());
        Assert.Equal(kind, e.Kind);
        Assert.Equal(7, _server.Journal.Entries.Count(j => j.Route.EndsWith("summary", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reads_recover_from_5xx_aborts_and_garbage()
    {
        _server.Faults.Enqueue(FaultKind.ServerError, FaultKind.AbortBeforeExecution, FaultKind.MalformedJson, FaultKind.RateLimited);
        var summary = await _client.GetAccountSummaryAsync();
        Assert.Equal(100_000m, summary.Balance);
        Assert.Equal(5, _server.Journal.Entries.Count(j => j.Route.EndsWith("summary", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rate_limit_waits_for_Retry_After()
    {
        _server.Faults.Reset(new FaultOptions { RetryAfterSeconds = 1 });
        _server.Faults.Enqueue(FaultKind.RateLimited);
        using var client = new OandaClient(BrokerKit.ClientOptions(_server) with { RetryMaxDelay = TimeSpan.FromSeconds(5), Log = Log });
        var clock = Stopwatch.StartNew();
        await client.GetAccountSummaryAsync();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"retried after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Theory]
    [InlineData(FaultKind.LostResponse)]
    [InlineData(FaultKind.MalformedJson)]
    public async Task An_order_whose_answer_is_lost_is_found_by_client_id_not_sent_again(FaultKind fault)
    {
        _server.Faults.Enqueue(fault);
        var id = Id();
        var result = await _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Units = 100 });
        Assert.True(result.Recovered);
        Assert.Equal(OrderStatus.Filled, result.Status);
        Assert.Equal(100m, result.FilledUnits);
        Assert.NotNull(result.FillPrice);
        Assert.Equal(1, OrdersWithClientId(id));
        var routes = _server.Journal.Entries.Select(e => e.Method + " " + e.Route).ToList();
        int post = routes.IndexOf("POST accounts/{account}/orders");
        Assert.Equal($"GET accounts/{{account}}/orders/@{id.Value}", routes[post + 1]);
        Assert.Equal(1, routes.Count(r => r == "POST accounts/{account}/orders"));
    }

    [Fact]
    public async Task An_order_refused_with_5xx_is_looked_up_then_sent_again_once()
    {
        _server.Faults.Enqueue(FaultKind.ServerError, FaultKind.None, FaultKind.AbortBeforeExecution);
        var id = Id();
        var result = await _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Units = 100 });
        Assert.False(result.Recovered);
        Assert.Equal(OrderStatus.Filled, result.Status);
        Assert.Equal(1, OrdersWithClientId(id));
        Assert.Equal(3, _server.Journal.Entries.Count(e => e.Method == "POST"));
    }

    [Fact]
    public async Task A_halted_market_and_a_margin_shortfall_cancel_the_order_with_typed_errors()
    {
        _server.Halted.Add("GBP_USD");
        var halted = await Assert.ThrowsAsync<BrokerException>(() => _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id("GBP_USD"), Units = 10 }));
        Assert.Equal(BrokerErrorKind.MarketHalted, halted.Kind);
        Assert.False((await _client.GetPricesAsync(["GBP_USD"]))[0].Tradeable);

        var id = Id();
        var margin = await Assert.ThrowsAsync<BrokerException>(() => _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Units = 50_000_000 }));
        Assert.Equal(BrokerErrorKind.InsufficientMargin, margin.Kind);
        Assert.Equal("INSUFFICIENT_MARGIN", margin.Reason);
        Assert.Equal(OrderStatus.Cancelled, (await _client.FindOrderAsync(id))!.Status);
    }

    [Fact]
    public async Task Prices_are_sent_at_the_instruments_precision()
    {
        var id = Id("USD_JPY");
        await _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Type = OrderType.Limit, Units = -5, Price = 999.123456789m, StopLoss = 1200.0004m });
        var order = (await _client.FindOrderAsync(id))!;
        Assert.Equal(999.123m, order.Price);
        lock (_server.Account.Gate)
        {
            var created = _server.Account.Transactions.Single(t => (string?)t["clientExtensions"]?["id"] == id.Value);
            Assert.Equal("999.123", (string?)created["price"]);
            Assert.Equal("-5", (string?)created["units"]);
            Assert.Equal("1200.000", (string?)created["stopLossOnFill"]?["price"]);
        }
    }

    [Fact]
    public async Task Resting_orders_and_attached_stops_trigger_as_prices_move()
    {
        var quote = (await _client.GetPricesAsync(["EUR_USD"]))[0];
        var entry = Id();
        // A buy limit at the current ask fills as soon as it is placed; the tight stop then triggers on the next moves.
        var filled = await _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = entry, Type = OrderType.Limit, Units = 1000, Price = quote.Ask + 0.01m, StopLoss = quote.Bid - 0.00001m, TakeProfit = quote.Ask + 0.00001m });
        Assert.Equal(OrderStatus.Filled, filled.Status);
        for (int i = 0; i < 2000 && (await _client.GetOpenTradesAsync()).Count > 0; i++) _server.AdvancePrices();
        Assert.Empty(await _client.GetOpenTradesAsync());
        Assert.Empty(await _client.GetPendingOrdersAsync());
        var log = await _client.GetTransactionsSinceAsync(filled.LastTransactionId);
        Assert.Contains(log, t => t.Type == "ORDER_FILL" && t.Reason is "STOP_LOSS_ORDER" or "TAKE_PROFIT_ORDER" && t.Units == -1000);
        Assert.Contains(log, t => t.Type == "ORDER_CANCEL" && t.Reason == "LINKED_TRADE_CLOSED");
    }

    [Theory]
    [InlineData(FaultKind.StreamCut)]
    [InlineData(FaultKind.StreamSilence)]
    [InlineData(FaultKind.AbortBeforeExecution)]
    [InlineData(FaultKind.ServerError)]
    public async Task A_broken_transaction_stream_reconnects_backfills_and_delivers_each_transaction_once(FaultKind fault)
    {
        await using var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions(new FaultOptions { StreamMessagesBeforeFault = 1 }) with { Heartbeat = TimeSpan.FromSeconds(30), SilenceHold = TimeSpan.FromSeconds(5) });
        using var client = new OandaClient(BrokerKit.ClientOptions(server) with { Log = Log, StreamSilenceTimeout = TimeSpan.FromMilliseconds(300) });
        long since = (await client.GetAccountSummaryAsync()).LastTransactionId;
        server.Faults.Enqueue(fault); // the stream connection
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var t in client.StreamTransactionsAsync(since, cts.Token))
            {
                lock (received) received.Add(t.Id);
                if (t.Id >= since + 8) return; // 4 market orders: an order and a fill each
            }
        });
        while (!server.Journal.Entries.Any(e => e.Route.EndsWith("transactions/stream", StringComparison.Ordinal))) await Task.Delay(5);
        await Task.Delay(50);
        for (int i = 0; i < 4; i++) await client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id(), Units = 10 });
        long target;
        lock (server.Account.Gate) target = server.Account.LastTransactionId;
        Assert.Equal(since + 8, target);
        await reading.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(Enumerable.Range((int)since + 1, (int)(target - since)).Select(i => (long)i), received);
        Assert.True(server.Journal.Entries.Count(e => e.Route.EndsWith("transactions/stream", StringComparison.Ordinal)) >= 1);
        Assert.Equal(0, server.Journal.ReconnectsWithoutBackfill());
        if (fault == FaultKind.StreamCut) lock (_log) Assert.Contains(_log, l => l.Contains("incomplete message", StringComparison.Ordinal));
        if (fault == FaultKind.StreamSilence) lock (_log) Assert.Contains(_log, l => l.Contains("declared dead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cut_price_stream_line_is_discarded_and_the_stream_resumes()
    {
        _server.Faults.Reset(new FaultOptions { StreamMessagesBeforeFault = 2 });
        _server.Faults.Enqueue(FaultKind.StreamCut);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var prices = new List<BrokerPrice>();
        var reading = Task.Run(async () =>
        {
            await foreach (var p in _client.StreamPricesAsync(["EUR_USD"], cts.Token))
                if (prices.Count < 6) prices.Add(p); else return;
        });
        while (!reading.IsCompleted) { _server.AdvancePrices(); await Task.Delay(10); }
        await reading;
        Assert.All(prices, p => Assert.True(p.Bid > 0 && p.Ask > p.Bid));
        Assert.Equal(2, _server.Journal.Entries.Count(e => e.Route.EndsWith("pricing/stream", StringComparison.Ordinal)));
        lock (_log) Assert.Contains(_log, l => l.Contains("pricing stream") && l.Contains("incomplete message"));
    }
}
