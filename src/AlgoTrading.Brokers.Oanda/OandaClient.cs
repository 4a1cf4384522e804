using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using Polly;
using Polly.Retry;

namespace AlgoTrading.Brokers.Oanda;

/// <summary>
/// The OANDA v20 REST and streaming client. Reads are retried on 5xx, network errors, timeouts and
/// unreadable answers; every request is retried on 429 after Retry-After (with jitter); order
/// submissions are never blindly retried: when their outcome is unknown the order is looked up by
/// <c>@clientId</c> first, and the server refuses a second order with the same client id, so a
/// duplicate cannot be created. Streams reconnect with exponential backoff and the transaction stream
/// backfills with <c>sinceid</c> after every (re)connect.
/// </summary>
/// <remarks>The token only ever travels in the Authorization header and the account id only in request paths; neither appears in a log line or an exception message.</remarks>
public sealed partial class OandaClient : IBroker, IDisposable
{
    private readonly OandaClientOptions _options;
    private readonly HttpClient _http;
    private readonly RequestRateLimiter _requests;
    private readonly RequestRateLimiter _streams;
    private readonly ResiliencePipeline _reads;
    private readonly ResiliencePipeline _writes;
    private readonly string _accountPath;
    private Dictionary<string, BrokerInstrument>? _instruments;

    /// <summary>Creates the client; nothing is sent until the first call.</summary>
    public OandaClient(OandaClientOptions options)
    {
        _options = options;
        var handler = options.Handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = options.RequestTimeout };
        _http = new HttpClient(handler, disposeHandler: options.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token.Reveal());
        _http.DefaultRequestHeaders.Add("Accept-Datetime-Format", "RFC3339");
        _requests = new RequestRateLimiter(options.RequestsPerSecond);
        _streams = new RequestRateLimiter(options.StreamsPerSecond);
        _accountPath = "accounts/" + Uri.EscapeDataString(options.AccountId.Reveal());
        _reads = Retry(idempotent: true);
        _writes = Retry(idempotent: false);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // ---- account, instruments, prices ----

    /// <inheritdoc />
    public async Task<AccountSummary> GetAccountSummaryAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await ReadAsync($"{_accountPath}/summary", "GET summary", cancellationToken);
        var a = doc.RootElement.GetProperty("account");
        int Count(string name) => a.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        return new AccountSummary(OandaWire.StringOf(a, "id") ?? "", OandaWire.StringOf(a, "currency") ?? "",
            OandaWire.DecimalOf(a, "balance") ?? 0, OandaWire.DecimalOf(a, "NAV") ?? 0, OandaWire.DecimalOf(a, "unrealizedPL") ?? 0,
            OandaWire.DecimalOf(a, "marginUsed") ?? 0, OandaWire.DecimalOf(a, "marginAvailable") ?? 0,
            Count("openTradeCount"), Count("openPositionCount"), Count("pendingOrderCount"), OandaWire.IdOf(a, "lastTransactionID"));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BrokerInstrument>> GetInstrumentsAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await ReadAsync($"{_accountPath}/instruments", "GET instruments", cancellationToken);
        var list = new List<BrokerInstrument>();
        foreach (var i in doc.RootElement.GetProperty("instruments").EnumerateArray())
            list.Add(new BrokerInstrument(OandaWire.StringOf(i, "name") ?? "", OandaWire.StringOf(i, "type") ?? "",
                i.GetProperty("displayPrecision").GetInt32(), i.TryGetProperty("tradeUnitsPrecision", out var u) ? u.GetInt32() : 0,
                i.TryGetProperty("pipLocation", out var p) ? p.GetInt32() : 0, OandaWire.DecimalOf(i, "marginRate") ?? 0,
                OandaWire.DecimalOf(i, "minimumTradeSize") ?? 0));
        _instruments = list.ToDictionary(i => i.Name, StringComparer.Ordinal);
        return list;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BrokerPrice>> GetPricesAsync(IReadOnlyList<string> instruments, CancellationToken cancellationToken = default)
    {
        using var doc = await ReadAsync($"{_accountPath}/pricing?instruments={Uri.EscapeDataString(string.Join(',', instruments))}", "GET pricing", cancellationToken);
        return [.. doc.RootElement.GetProperty("prices").EnumerateArray().Select(OandaWire.Price)];
    }

    /// <summary>
    /// One page of candles as v20 sends it (<c>{"instrument","granularity","candles":[…]}</c>): at most
    /// 5,000 from <paramref name="fromUtc"/>, ending at <paramref name="toUtc"/> when given.
    /// <paramref name="price"/> is <c>BA</c>, <c>MBA</c> or <c>M</c>.
    /// </summary>
    public async Task<byte[]> GetCandlesAsync(string instrument, string granularity, string price, DateTime fromUtc, DateTime? toUtc, int count, CancellationToken cancellationToken = default)
    {
        var query = $"instruments/{Uri.EscapeDataString(instrument)}/candles?price={price}&granularity={granularity}&from={Uri.EscapeDataString(OandaWire.Time(fromUtc))}";
        query += toUtc is { } to ? $"&to={Uri.EscapeDataString(OandaWire.Time(to))}" : $"&count={count}";
        var (status, body) = await CallAsync(HttpMethod.Get, query, null, $"GET candles {instrument} {granularity}", idempotent: true, null, cancellationToken);
        if (status is >= 200 and < 300) return body;
        throw Error(status, body, $"GET candles {instrument} {granularity}", null);
    }

    // ---- orders ----

    /// <inheritdoc />
    public Task<BrokerOrderResult> SubmitOrderAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default) =>
        CreateOnceAsync(HttpMethod.Post, $"{_accountPath}/orders", "POST orders", request, cancellationToken);

    /// <inheritdoc />
    public Task<BrokerOrderResult> ReplaceOrderAsync(ClientOrderId existing, BrokerOrderRequest replacement, CancellationToken cancellationToken = default) =>
        CreateOnceAsync(HttpMethod.Put, $"{_accountPath}/orders/{Specifier(existing)}", "PUT orders (replace)", replacement, cancellationToken);

    /// <inheritdoc />
    public async Task CancelOrderAsync(ClientOrderId order, CancellationToken cancellationToken = default)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Put, $"{_accountPath}/orders/{Specifier(order)}/cancel", null, "PUT orders cancel", idempotent: true, order, cancellationToken);
        }
        catch (BrokerException e) when (e.Kind == BrokerErrorKind.NotFound)
        {
            // A retried cancel whose first answer was lost finds nothing to cancel: done if it is cancelled.
            if (await FindOrderAsync(order, cancellationToken) is not { Status: OrderStatus.Cancelled }) throw;
        }
    }

    /// <summary>Cancels a pending order by the broker's id (for orders placed elsewhere, without a client id).</summary>
    public async Task CancelOrderByIdAsync(string orderId, CancellationToken cancellationToken = default)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Put, $"{_accountPath}/orders/{Uri.EscapeDataString(orderId)}/cancel", null, $"PUT orders/{orderId}/cancel", idempotent: true, null, cancellationToken);
        }
        catch (BrokerException e) when (e.Kind == BrokerErrorKind.NotFound) { } // already gone (a retried cancel whose first answer was lost)
    }

    /// <inheritdoc />
    public async Task<BrokerOrder?> FindOrderAsync(ClientOrderId order, CancellationToken cancellationToken = default)
    {
        try
        {
            using var doc = await SendAsync(HttpMethod.Get, $"{_accountPath}/orders/{Specifier(order)}", null, "GET order", idempotent: true, order, cancellationToken);
            return OandaWire.Order(doc.RootElement.GetProperty("order"));
        }
        catch (BrokerException e) when (e.Kind == BrokerErrorKind.NotFound) { return null; }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BrokerOrder>> GetPendingOrdersAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await ReadAsync($"{_accountPath}/pendingOrders", "GET pendingOrders", cancellationToken);
        return [.. doc.RootElement.GetProperty("orders").EnumerateArray().Select(OandaWire.Order)];
    }

    // ---- trades and positions ----

    /// <inheritdoc />
    public async Task<IReadOnlyList<BrokerTrade>> GetOpenTradesAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await ReadAsync($"{_accountPath}/openTrades", "GET openTrades", cancellationToken);
        return [.. doc.RootElement.GetProperty("trades").EnumerateArray().Select(OandaWire.Trade)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BrokerPosition>> GetOpenPositionsAsync(CancellationToken cancellationToken = default)
    {
        using var doc = await ReadAsync($"{_accountPath}/openPositions", "GET openPositions", cancellationToken);
        return [.. doc.RootElement.GetProperty("positions").EnumerateArray().Select(OandaWire.Position)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BrokerTransaction>> ClosePositionAsync(string instrument, CancellationToken cancellationToken = default)
    {
        var position = (await GetOpenPositionsAsync(cancellationToken)).FirstOrDefault(p => p.Instrument == instrument);
        if (position is null || (position.LongUnits == 0 && position.ShortUnits == 0)) return [];
        var body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("longUnits", position.LongUnits != 0 ? "ALL" : "NONE");
            w.WriteString("shortUnits", position.ShortUnits != 0 ? "ALL" : "NONE");
            w.WriteEndObject();
        });
        try
        {
            // Closing ALL is idempotent: a retry after a lost answer finds the position flat.
            using var doc = await SendAsync(HttpMethod.Put, $"{_accountPath}/positions/{Uri.EscapeDataString(instrument)}/close", body, $"PUT positions/{instrument}/close", idempotent: true, null, cancellationToken);
            var result = new List<BrokerTransaction>();
            foreach (var name in new[] { "longOrderFillTransaction", "shortOrderFillTransaction" })
                if (doc.RootElement.TryGetProperty(name, out var fill)) result.Add(OandaWire.Transaction(fill));
            return result;
        }
        catch (BrokerException e) when (e.Reason == "CLOSEOUT_POSITION_DOESNT_EXIST") { return []; }
    }

    // ---- transactions ----

    /// <inheritdoc />
    public async Task<IReadOnlyList<BrokerTransaction>> GetTransactionsSinceAsync(long sinceId, CancellationToken cancellationToken = default)
    {
        var all = new List<BrokerTransaction>();
        while (true)
        {
            using var doc = await ReadAsync($"{_accountPath}/transactions/sinceid?id={sinceId}", "GET transactions/sinceid", cancellationToken);
            int before = all.Count;
            foreach (var t in doc.RootElement.GetProperty("transactions").EnumerateArray()) all.Add(OandaWire.Transaction(t));
            long last = OandaWire.IdOf(doc.RootElement, "lastTransactionID");
            if (all.Count == before || all[^1].Id >= last) return all;
            sinceId = all[^1].Id; // the server pages long ranges
        }
    }

    /// <summary>Transactions with ids from <paramref name="fromId"/> to <paramref name="toId"/> inclusive.</summary>
    public async Task<IReadOnlyList<BrokerTransaction>> GetTransactionRangeAsync(long fromId, long toId, CancellationToken cancellationToken = default)
    {
        using var doc = await ReadAsync($"{_accountPath}/transactions/idrange?from={fromId}&to={toId}", "GET transactions/idrange", cancellationToken);
        return [.. doc.RootElement.GetProperty("transactions").EnumerateArray().Select(OandaWire.Transaction)];
    }

    // ---- HTTP ----

    private Task<JsonDocument> ReadAsync(string path, string operation, CancellationToken cancellationToken, ClientOrderId? order = null) =>
        SendAsync(HttpMethod.Get, path, null, operation, idempotent: true, order, cancellationToken);

    private async Task<JsonDocument?> TryReadAsync(string path, string operation, ClientOrderId? order, CancellationToken cancellationToken)
    {
        try { return await ReadAsync(path, operation, cancellationToken, order); }
        catch (BrokerException e) when (e.Kind == BrokerErrorKind.NotFound) { return null; }
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, byte[]? body, string operation, bool idempotent, ClientOrderId? order, CancellationToken cancellationToken)
    {
        var (status, bytes) = await CallAsync(method, path, body, operation, idempotent, order, cancellationToken);
        if (status is < 200 or >= 300) throw Error(status, bytes, operation, order);
        try { return JsonDocument.Parse(bytes); }
        catch (JsonException) { throw new BrokerException(BrokerErrorKind.Transient, operation, "unreadable response", order, status); }
    }

    private async Task<(int Status, byte[] Body)> CallAsync(HttpMethod method, string path, byte[]? body, string operation, bool idempotent, ClientOrderId? order, CancellationToken cancellationToken)
    {
        try
        {
            return await (idempotent ? _reads : _writes).ExecuteAsync(async token => await AttemptAsync(method, path, body, token), cancellationToken);
        }
        catch (RetryableFailure f)
        {
            throw new BrokerException(f.Status == 429 ? BrokerErrorKind.RateLimited : BrokerErrorKind.Transient, operation, f.Message, order, f.Status);
        }
    }

    /// <summary>One HTTP exchange under its own deadline; failures worth a retry become <see cref="RetryableFailure"/>.</summary>
    private async Task<(int Status, byte[] Body)> AttemptAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        await _requests.WaitAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        long started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(method, Url(_options.RestUrl, path));
        if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        int status;
        byte[] bytes;
        TimeSpan? retryAfter;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            status = (int)response.StatusCode;
            retryAfter = response.Headers.RetryAfter is { } ra ? ra.Delta ?? (ra.Date is { } d ? d - DateTimeOffset.UtcNow : null) : null;
            bytes = await response.Content.ReadAsByteArrayAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { throw new RetryableFailure("timed out", null, false); }
        catch (Exception e) when (e is HttpRequestException or IOException) { throw new RetryableFailure($"network error ({e.GetType().Name})", null, false); }
        if (status == 429) throw new RetryableFailure("rate limited", 429, true, retryAfter);
        if (status >= 500) throw new RetryableFailure($"server error", status, false);
        if (status is >= 200 and < 300)
        {
            // A 2xx that is not JSON is as good as lost: the caller cannot know what happened.
            if (!IsJson(bytes)) throw new RetryableFailure("unreadable response", status, false);
        }
        _options.OnLatency?.Invoke(Stopwatch.GetElapsedTime(started));
        return (status, bytes);
    }

    private static bool IsJson(byte[] bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            while (reader.Read()) { }
            return bytes.Length > 0;
        }
        catch (JsonException) { return false; }
    }

    private static BrokerException Error(int status, byte[] body, string operation, ClientOrderId? order)
    {
        string? reason = null, message = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            foreach (var name in new[] { "orderRejectTransaction", "orderCancelRejectTransaction", "longOrderRejectTransaction", "shortOrderRejectTransaction" })
                if (root.TryGetProperty(name, out var reject)) reason ??= OandaWire.StringOf(reject, "rejectReason");
            reason ??= OandaWire.StringOf(root, "errorCode");
            message = OandaWire.StringOf(root, "errorMessage");
        }
        catch (JsonException) { message = "unreadable error answer"; }
        return new BrokerException(OandaErrors.OfStatus((System.Net.HttpStatusCode)status, reason), operation, reason ?? message, order, status);
    }

    private ResiliencePipeline Retry(bool idempotent) => new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
    {
        ShouldHandle = new PredicateBuilder().Handle<RetryableFailure>(f => idempotent || f.NotProcessed),
        MaxRetryAttempts = Math.Max(1, _options.MaxRetries),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = _options.RetryBaseDelay,
        MaxDelay = _options.RetryMaxDelay,
        DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is RetryableFailure { RetryAfter: { } after }
            ? (TimeSpan?)(after > _options.RetryMaxDelay ? _options.RetryMaxDelay : after < TimeSpan.Zero ? TimeSpan.Zero : after) : null),
        OnRetry = args =>
        {
            Log($"retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalMilliseconds:0} ms after {args.Outcome.Exception?.Message}");
            return default;
        },
    }).Build();

    private static Uri Url(Uri root, string path) => new(root.OriginalString.TrimEnd('/') + "/" + path);

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return buffer.ToArray();
    }

    private void Log(string message) => _options.Log?.Invoke(message);

    /// <summary>A failed attempt that may succeed when repeated. <see cref="NotProcessed"/>: the server did not act on it (429), so even an order may be resent.</summary>
    private sealed class RetryableFailure(string message, int? status, bool notProcessed, TimeSpan? retryAfter = null) : Exception(message)
    {
        public int? Status { get; } = status;
        public bool NotProcessed { get; } = notProcessed;
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }
}
