using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlgoTrading.Brokers.Testing;

/// <summary>Settings of a <see cref="FakeOandaServer"/>.</summary>
public sealed record FakeOandaOptions
{
    /// <summary>The bearer token the server accepts.</summary>
    public string Token { get; init; } = "fake-token";
    /// <summary>The one account id it serves.</summary>
    public string AccountId { get; init; } = "101-001-0000000-001";
    /// <summary>Starting balance, USD.</summary>
    public decimal Balance { get; init; } = 100_000m;
    /// <summary>The instruments (default: EUR_USD, GBP_USD, USD_JPY, SPX500_USD, DE30_EUR).</summary>
    public IReadOnlyList<FakeInstrument> Instruments { get; init; } = FakeInstrument.Defaults;
    /// <summary>The <c>shared/data</c> folder to replay quotes from; null for synthetic quotes only.</summary>
    public string? SharedData { get; init; }
    /// <summary>Quotes stepped per second by a background clock; 0 (default) steps only on <see cref="FakeOandaServer.AdvancePrices"/>.</summary>
    public double QuotesPerSecond { get; init; }
    /// <summary>Interval of HEARTBEAT lines on both streams. Default 5 s (v20's pricing stream).</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Longest a silent stream stays open before the server hangs up. Default 30 s.</summary>
    public TimeSpan SilenceHold { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Injected faults (default: none).</summary>
    public FaultOptions Faults { get; init; } = new();
    /// <summary>Exact bid/ask series per instrument (replaces the file or synthetic quotes of those instruments); null for none.</summary>
    public IReadOnlyDictionary<string, (decimal[] Bid, decimal[] Ask)>? Quotes { get; init; }
    /// <summary>Seed of the synthetic quotes.</summary>
    public int PriceSeed { get; init; } = 7;
}

/// <summary>
/// A v20-compatible OANDA server for tests, bound to 127.0.0.1 on a free port. It serves account
/// summary and instruments, candles, pricing and its stream, orders (market, limit, stop with
/// attached stop-loss, take-profit and trailing stop), replace and cancel, trades, positions and
/// their close, transactions by id, id range and <c>sinceid</c>, and the transaction stream. Every
/// request may get a fault from the seeded <see cref="Faults"/> plan and is written to the
/// <see cref="Journal"/>.
/// </summary>
public sealed class FakeOandaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _bearer;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _clock;

    private FakeOandaServer(FakeOandaOptions options, WebApplication app)
    {
        Options = options;
        _app = app;
        _bearer = "Bearer " + options.Token;
        Prices = options.Quotes is { } quotes ? new PriceFeed(options.Instruments, quotes, options.PriceSeed) : new PriceFeed(options.Instruments, options.SharedData, options.PriceSeed);
        Account = new FakeAccount(options.AccountId, options.Instruments, Prices, options.Balance);
        Account.Changed += Signal;
        Faults = new FaultPlan(options.Faults);
    }

    /// <summary>The settings.</summary>
    public FakeOandaOptions Options { get; }
    /// <summary>The account (lock <see cref="FakeAccount.Gate"/> to read it while the server runs).</summary>
    public FakeAccount Account { get; }
    /// <summary>The quotes.</summary>
    public PriceFeed Prices { get; }
    /// <summary>The fault plan (queue faults or change probabilities at any time).</summary>
    public FaultPlan Faults { get; }
    /// <summary>Every request received.</summary>
    public RequestJournal Journal { get; } = new();
    /// <summary>The REST (and streaming) base URL, <c>http://127.0.0.1:port/v3</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;
    /// <summary>Instruments the server treats as halted: orders are cancelled with MARKET_HALTED and prices are non-tradeable.</summary>
    public HashSet<string> Halted { get; } = [];

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeOandaServer> StartAsync(FakeOandaOptions? options = null)
    {
        options ??= new FakeOandaOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOandaServer(options, app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/v3");
        if (options.QuotesPerSecond > 0) server._clock = server.RunClockAsync(options.QuotesPerSecond);
        return server;
    }

    /// <summary>Moves the quotes on and lets pending orders and attached stops trigger.</summary>
    public void AdvancePrices(int steps = 1)
    {
        lock (Account.Gate)
        {
            for (int i = 0; i < steps; i++) { Prices.Advance(); Account.MatchPending(); }
        }
        Signal();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        if (_clock is not null) await _clock.ContinueWith(_ => { }, TaskScheduler.Default);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2))) await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task RunClockAsync(double perSecond)
    {
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        while (!_stopping.IsCancellationRequested)
        {
            await Task.Delay(interval, _stopping.Token);
            AdvancePrices();
        }
    }

    private void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    // ---- routing ----

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/v3/", StringComparison.Ordinal)) { await Respond(context, 404, Error("Not found")); return; }
        var segments = path[4..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var route = string.Join('/', segments.Select((s, i) => i == 1 && segments[0] == "accounts" ? "{account}" : s));
        bool isStream = path.EndsWith("/stream", StringComparison.Ordinal);
        byte[] body = [];
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            body = buffer.ToArray();
        }
        JsonObject? json = null;
        if (body.Length > 0)
        {
            try { json = JsonNode.Parse(body) as JsonObject; }
            catch (JsonException) { await Respond(context, 400, Error("Invalid JSON body")); return; }
        }
        string? clientOrderId = (string?)json?["order"]?["clientExtensions"]?["id"];
        bool isSubmission = context.Request.Method is "POST" or "PUT" && json?["order"] is not null;

        if (context.Request.Headers.Authorization.ToString() != _bearer)
        {
            Journal.Add(context.Request.Method, route, clientOrderId, FaultKind.None, false);
            await Respond(context, 401, Error("Insufficient authorization to perform request."));
            return;
        }
        if (segments.Length >= 2 && segments[0] == "accounts" && segments[1] != Options.AccountId)
        {
            Journal.Add(context.Request.Method, route, clientOrderId, FaultKind.None, false);
            await Respond(context, 403, Error("The provided request was forbidden."));
            return;
        }

        var fault = Faults.Next(isStream, isSubmission);
        switch (fault)
        {
            case FaultKind.RateLimited:
                Journal.Add(context.Request.Method, route, clientOrderId, fault, false);
                context.Response.Headers.RetryAfter = Faults.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await Respond(context, 429, Error("Rate limit exceeded"));
                return;
            case FaultKind.ServerError:
                Journal.Add(context.Request.Method, route, clientOrderId, fault, false);
                await Respond(context, Faults.NextServerErrorStatus(), Error("Service temporarily unavailable"));
                return;
            case FaultKind.AbortBeforeExecution:
                Journal.Add(context.Request.Method, route, clientOrderId, fault, false);
                context.Abort();
                return;
            case FaultKind.Latency:
                await Task.Delay(Faults.Options.LatencyDuration, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
        }
        Journal.Add(context.Request.Method, route, clientOrderId, fault, true);

        if (isStream)
        {
            await StreamAsync(context, segments, fault);
            return;
        }
        string? reject = fault == FaultKind.Reject ? Faults.NextRejectReason() : null;
        var (status, answer) = Execute(context.Request.Method, segments, context.Request.Query, json, reject);
        switch (fault)
        {
            case FaultKind.LostResponse:
                context.Abort();
                return;
            case FaultKind.MalformedJson:
                var text = answer.ToJsonString();
                await RespondRaw(context, status, text[..(text.Length / 2)]);
                return;
        }
        await Respond(context, status, answer);
    }

    private (int Status, JsonObject Body) Execute(string method, string[] s, IQueryCollection query, JsonObject? body, string? forcedReject)
    {
        lock (Account.Gate)
        {
            var a = Account;
            var last = new JsonObject { ["lastTransactionID"] = a.LastTransactionId.ToString(CultureInfo.InvariantCulture) };
            JsonObject With(string key, JsonNode? value) { last[key] = value; return last; }

            if (s is ["instruments", var name, "candles"] && method == "GET") return Candles(name, query);
            if (s.Length < 3 || s[0] != "accounts") return (404, Error("Not found"));
            switch (method, s[2..])
            {
                case ("GET", ["summary"]): return (200, With("account", a.SummaryJson()));
                case ("GET", ["instruments"]): return (200, With("instruments", a.InstrumentsJson()));
                case ("GET", ["pricing"]):
                    var names = ((string?)query["instruments"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
                    if (names.FirstOrDefault(n => !a.Knows(n)) is { } unknown) return (400, Error($"Invalid value specified for 'instruments': {unknown}"));
                    return (200, With("prices", new JsonArray([.. names.Select(n => (JsonNode)a.PriceJson(n, !Halted.Contains(n)))])));
                case ("POST", ["orders"]):
                    if (body?["order"] is not JsonObject order) return (400, Error("Invalid value specified for 'order'"));
                    bool halted = (string?)order["instrument"] is { } orderInstrument && Halted.Contains(orderInstrument);
                    return halted && forcedReject is null ? HaltedOrder(order) : a.Submit(order, forcedReject: forcedReject);
                case ("GET", ["orders"]) or ("GET", ["pendingOrders"]): return (200, With("orders", a.PendingOrdersJson()));
                case ("GET", ["orders", var spec]):
                    return a.OrderJson(spec) is { } o ? (200, With("order", o)) : (404, Error("The order ID specified does not exist", "NO_SUCH_ORDER"));
                case ("PUT", ["orders", var spec]):
                    if (body?["order"] is not JsonObject replacement) return (400, Error("Invalid value specified for 'order'"));
                    return a.Replace(spec, replacement);
                case ("PUT", ["orders", var spec, "cancel"]): return a.Cancel(spec);
                case ("GET", ["trades"]) or ("GET", ["openTrades"]): return (200, With("trades", a.OpenTradesJson()));
                case ("GET", ["trades", var id]):
                    return a.TradeJson(id) is { } t ? (200, With("trade", t)) : (404, Error("The trade ID specified does not exist", "NO_SUCH_TRADE"));
                case ("GET", ["positions"]) or ("GET", ["openPositions"]): return (200, With("positions", a.OpenPositionsJson()));
                case ("PUT", ["positions", var instrument, "close"]):
                    if (!a.Knows(instrument)) return (404, Error("The instrument specified does not exist", "INSTRUMENT_UNKNOWN"));
                    return a.ClosePosition(instrument, (string?)body?["longUnits"], (string?)body?["shortUnits"]);
                case ("GET", ["transactions", "sinceid"]):
                    if (!long.TryParse(query["id"], out var since)) return (400, Error("Invalid value specified for 'id'"));
                    return (200, With("transactions", Range(since + 1, Math.Min(a.LastTransactionId, since + 1000))));
                case ("GET", ["transactions", "idrange"]):
                    if (!long.TryParse(query["from"], out var from) || !long.TryParse(query["to"], out var to)) return (400, Error("Invalid value specified for 'from' or 'to'"));
                    return (200, With("transactions", Range(from, Math.Min(to, a.LastTransactionId))));
                case ("GET", ["transactions", var txId]):
                    if (!long.TryParse(txId, out var n) || n < 1 || n > a.LastTransactionId) return (404, Error("The transaction ID specified does not exist", "NO_SUCH_TRANSACTION"));
                    return (200, With("transaction", a.Transactions[(int)n - 1].DeepClone()));
            }
            return (404, Error("Not found"));
        }
    }

    /// <summary>v20 creates the order, then cancels it because the market is halted (HTTP 201).</summary>
    private (int, JsonObject) HaltedOrder(JsonObject order)
    {
        var created = Account.Record(new JsonObject { ["type"] = ((string?)order["type"] ?? "MARKET") + "_ORDER", ["instrument"] = order["instrument"]?.DeepClone(), ["units"] = order["units"]?.DeepClone(), ["timeInForce"] = order["timeInForce"]?.DeepClone(), ["clientExtensions"] = order["clientExtensions"]?.DeepClone(), ["reason"] = "CLIENT_ORDER" });
        var cancel = Account.Record(new JsonObject { ["type"] = "ORDER_CANCEL", ["orderID"] = created["id"]!.DeepClone(), ["clientOrderID"] = order["clientExtensions"]?["id"]?.DeepClone(), ["reason"] = "MARKET_HALTED" });
        return (201, new JsonObject { ["orderCreateTransaction"] = created.DeepClone(), ["orderCancelTransaction"] = cancel.DeepClone(), ["lastTransactionID"] = cancel["id"]!.DeepClone() });
    }

    private JsonArray Range(long from, long to)
    {
        var list = new JsonArray();
        for (long id = Math.Max(1, from); id <= to; id++) list.Add(Account.Transactions[(int)id - 1].DeepClone());
        return list;
    }

    private (int, JsonObject) Candles(string name, IQueryCollection query)
    {
        var instrument = Options.Instruments.FirstOrDefault(i => i.Name == name);
        if (instrument is null) return (400, Error($"Invalid value specified for 'instrument': {name}"));
        string granularity = (string?)query["granularity"] ?? "S5", price = (string?)query["price"] ?? "M";
        if (SyntheticCandles.Period(granularity) is null) return (400, Error($"Invalid value specified for 'granularity': {granularity}"));
        if (price.Any(c => c is not ('M' or 'B' or 'A'))) return (400, Error($"Invalid value specified for 'price': {price}"));
        DateTime? from = query.ContainsKey("from") ? ParseTime(query["from"]!) : null, to = query.ContainsKey("to") ? ParseTime(query["to"]!) : null;
        int count = query.ContainsKey("count") && int.TryParse(query["count"], out var c) ? c : 500;
        if (query.ContainsKey("count") && from is not null && to is not null) return (400, Error("'count' cannot be specified with both 'from' and 'to'"));
        if (count is < 1 or > SyntheticCandles.MaxCount) return (400, Error($"Maximum value for 'count' exceeded"));
        var now = DateTime.UtcNow;
        var span = SyntheticCandles.Period(granularity)!.Value;
        if (from is null) from = (to ?? now) - span * count;
        if (to is not null && (to.Value - from.Value) / span > SyntheticCandles.MaxCount + 1) return (400, Error("Maximum value for 'count' exceeded"));
        return (200, SyntheticCandles.Page(instrument, granularity, price, from.Value, to, to is null ? count : SyntheticCandles.MaxCount, now));
    }

    private static DateTime ParseTime(string text) =>
        DateTimeOffset.Parse(System.Text.RegularExpressions.Regex.Replace(text, @"\.(\d{7})\d+", ".$1"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

    // ---- streams ----

    private async Task StreamAsync(HttpContext context, string[] s, FaultKind fault)
    {
        bool prices = s is [.., "pricing", "stream"];
        string[] names = prices ? ((string?)context.Request.Query["instruments"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        if (prices && names.FirstOrDefault(n => !Account.Knows(n)) is { } unknown) { await Respond(context, 400, Error($"Invalid value specified for 'instruments': {unknown}")); return; }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var ct = stop.Token;
        long cursor;
        lock (Account.Gate) cursor = Account.LastTransactionId;
        long priceStep = -1;
        int sent = 0;
        try
        {
            await context.Response.StartAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                var changed = _changed.Task;
                var lines = new List<string>();
                lock (Account.Gate)
                {
                    if (prices && Prices.Step != priceStep)
                    {
                        priceStep = Prices.Step;
                        foreach (var n in names) lines.Add(Account.PriceJson(n, !Halted.Contains(n)).ToJsonString());
                    }
                    if (!prices)
                        for (; cursor < Account.LastTransactionId; cursor++) lines.Add(Account.Transactions[(int)cursor].ToJsonString());
                }
                foreach (var line in lines)
                {
                    if (sent++ == Faults.Options.StreamMessagesBeforeFault && fault is FaultKind.StreamCut or FaultKind.StreamSilence)
                    {
                        await BreakStreamAsync(context, fault, line, ct);
                        return;
                    }
                    await context.Response.WriteAsync(line + "\n", ct);
                }
                await context.Response.Body.FlushAsync(ct);
                if (await Task.WhenAny(changed, Task.Delay(Options.Heartbeat, ct)) != changed)
                {
                    var heartbeat = prices
                        ? new JsonObject { ["type"] = "HEARTBEAT", ["time"] = Now() }
                        : new JsonObject { ["type"] = "HEARTBEAT", ["lastTransactionID"] = Account.LastTransactionId.ToString(CultureInfo.InvariantCulture), ["time"] = Now() };
                    if (sent++ == Faults.Options.StreamMessagesBeforeFault && fault is FaultKind.StreamCut or FaultKind.StreamSilence)
                    {
                        await BreakStreamAsync(context, fault, heartbeat.ToJsonString(), ct);
                        return;
                    }
                    await context.Response.WriteAsync(heartbeat.ToJsonString() + "\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException) { }
    }

    private async Task BreakStreamAsync(HttpContext context, FaultKind fault, string line, CancellationToken ct)
    {
        if (fault == FaultKind.StreamCut)
        {
            await context.Response.WriteAsync(line[..(line.Length / 2)], ct);
            await context.Response.Body.FlushAsync(ct);
            await Task.Delay(50, ct); // let the half line reach the client before the reset discards it
            context.Abort();
            return;
        }
        await Task.Delay(Options.SilenceHold, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        context.Abort();
    }

    // ---- answers ----

    private static JsonObject Error(string message, string? code = null)
    {
        var error = new JsonObject { ["errorMessage"] = message };
        if (code is not null) error["errorCode"] = code;
        return error;
    }

    private static Task Respond(HttpContext context, int status, JsonObject body) => RespondRaw(context, status, body.ToJsonString());

    private static async Task RespondRaw(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";
}
