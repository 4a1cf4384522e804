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

// The pricing and transaction streams: reconnection with exponential backoff, silence detection,
// complete lines only, and the sinceid backfill after every (re)connect.
public sealed partial class OandaClient
{
    /// <inheritdoc />
    public async IAsyncEnumerable<BrokerPrice> StreamPricesAsync(IReadOnlyList<string> instruments, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = $"{_accountPath}/pricing/stream?instruments={Uri.EscapeDataString(string.Join(',', instruments))}";
        var backoff = _options.ReconnectMinDelay;
        while (true)
        {
            await using (var connection = await ConnectStreamAsync(path, "pricing stream", cancellationToken))
            {
                if (connection is not null)
                    while (await NextMessageAsync(connection, "pricing stream", cancellationToken) is { } message)
                    {
                        backoff = _options.ReconnectMinDelay;
                        if (message.Type == "PRICE") yield return OandaWire.Price(message.Root);
                    }
            }
            backoff = await BackOffAsync(backoff, "pricing stream", cancellationToken);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<BrokerTransaction> StreamTransactionsAsync(long sinceId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long last = sinceId;
        var backoff = _options.ReconnectMinDelay;
        while (true)
        {
            await using (var connection = await ConnectStreamAsync($"{_accountPath}/transactions/stream", "transaction stream", cancellationToken))
            {
                if (connection is not null)
                {
                    // Connected first, backfilled second: whatever happens in between arrives on the stream too and is skipped by id.
                    var missed = await BackfillAsync(last, cancellationToken);
                    if (missed is not null)
                    {
                        foreach (var t in missed)
                            if (t.Id > last) { last = t.Id; yield return t; }
                        while (await NextMessageAsync(connection, "transaction stream", cancellationToken) is { } message)
                        {
                            backoff = _options.ReconnectMinDelay;
                            if (message.Type == "HEARTBEAT") continue;
                            var t = OandaWire.Transaction(message.Root);
                            if (t.Id <= last) continue;
                            if (t.Id > last + 1)
                            {
                                Log($"transaction stream skipped from {last} to {t.Id}: backfilling");
                                if (await BackfillAsync(last, cancellationToken) is not { } gap) break;
                                foreach (var g in gap)
                                    if (g.Id > last && g.Id < t.Id) { last = g.Id; yield return g; }
                            }
                            last = t.Id;
                            yield return t;
                        }
                    }
                }
            }
            backoff = await BackOffAsync(backoff, "transaction stream", cancellationToken);
        }
    }

    private async Task<IReadOnlyList<BrokerTransaction>?> BackfillAsync(long sinceId, CancellationToken cancellationToken)
    {
        try { return await GetTransactionsSinceAsync(sinceId, cancellationToken); }
        catch (BrokerException e) when (e.Kind is BrokerErrorKind.Transient or BrokerErrorKind.RateLimited)
        {
            Log($"transaction backfill since {sinceId} failed ({e.Kind}); reconnecting");
            return null;
        }
    }

    private sealed record StreamMessage(string Type, JsonElement Root);

    private sealed class StreamConnection(HttpResponseMessage response, Stream body, CompleteLineReader reader) : IAsyncDisposable
    {
        public CompleteLineReader Reader { get; } = reader;
        public JsonDocument? Current { get; set; }

        public async ValueTask DisposeAsync()
        {
            Current?.Dispose();
            await body.DisposeAsync();
            response.Dispose();
        }
    }

    private async Task<StreamConnection?> ConnectStreamAsync(string path, string name, CancellationToken cancellationToken)
    {
        await _streams.WaitAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, Url(_options.StreamUrl, path)), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                response.Dispose();
                if (status is 401 or 403 or 404) throw Error(status, body, name, null);
                Log($"{name}: HTTP {status} on connect");
                return null;
            }
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            Log($"{name}: connected");
            _options.OnStreamState?.Invoke(name, true);
            return new StreamConnection(response, stream, new CompleteLineReader(stream, message => Log($"{name}: {message}")));
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            response?.Dispose();
            Log($"{name}: connect failed ({e.GetType().Name})");
            return null;
        }
    }

    /// <summary>The next well-formed message, or null when the stream is dead (ended, failed or silent too long).</summary>
    private async Task<StreamMessage?> NextMessageAsync(StreamConnection connection, string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            string? line;
            using (var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                silence.CancelAfter(_options.StreamSilenceTimeout);
                try { line = await connection.Reader.ReadLineAsync(silence.Token); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Log($"{name}: nothing for {_options.StreamSilenceTimeout.TotalSeconds:0.###} s: declared dead");
                    return null;
                }
            }
            if (line is null) return null;
            if (line.Length == 0) continue;
            connection.Current?.Dispose();
            connection.Current = null;
            try { connection.Current = JsonDocument.Parse(line); }
            catch (JsonException)
            {
                Log($"{name}: malformed message of {line.Length} characters discarded");
                continue;
            }
            var root = connection.Current.RootElement;
            if (root.ValueKind != JsonValueKind.Object) { Log($"{name}: non-object message discarded"); continue; }
            return new StreamMessage(OandaWire.StringOf(root, "type") ?? "", root);
        }
    }

    private async Task<TimeSpan> BackOffAsync(TimeSpan delay, string name, CancellationToken cancellationToken)
    {
        _options.OnStreamState?.Invoke(name, false);
        Log($"{name}: reconnecting in {delay.TotalSeconds:0.###} s");
        await Task.Delay(delay, cancellationToken);
        var next = delay * 2;
        return next > _options.ReconnectMaxDelay ? _options.ReconnectMaxDelay : next;
    }
}
