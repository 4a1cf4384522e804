using System.Collections.Concurrent;
using System.Diagnostics;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Data.Synthetic;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Brokers;

/// <summary>
/// The fault soak: four traders place orders on five instruments while the transaction and price
/// streams are consumed, and the server injects at least 10,000 seeded faults (429, 5xx, aborted
/// connections, lost answers, malformed JSON, rejects, silent and cut streams). At the end: no client
/// id was turned into two orders, every fill reached the client through the stream, the positions
/// the client derives from its fills equal the server's, and every stream reconnect was followed by
/// a backfill. The figures (and the client's latency p50/p99) go to the test output.
/// </summary>
public sealed class BrokerFaultSoakTests
{
    private const int FaultTarget = 10_000;
    private static readonly string[] Instruments = ["EUR_USD", "GBP_USD", "USD_JPY", "SPX500_USD", "DE30_EUR"];

    [Fact]
    public async Task Ten_thousand_faults_create_no_duplicate_lose_no_fill_and_leave_positions_equal()
    {
        var faults = new FaultOptions
        {
            Seed = 20261202, RateLimited = 0.10, ServerError = 0.14, MalformedJson = 0.08, AbortBeforeExecution = 0.08, LostResponse = 0.12,
            // A stream connection draws one fault when it opens: these five add up to 1, so no connection stays
            // healthy for the rest of the soak (with 8 % "none" one sometimes did, and the soak met 3 connections).
            Reject = 0.04, StreamSilence = 0.30, StreamCut = 0.38, StreamMessagesBeforeFault = 4,
        };
        await using var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions(faults) with
        {
            Heartbeat = TimeSpan.FromMilliseconds(20), SilenceHold = TimeSpan.FromSeconds(1), QuotesPerSecond = 100,
        });
        var latencies = new ConcurrentQueue<double>();
        using var client = new OandaClient(BrokerKit.ClientOptions(server) with
        {
            StreamSilenceTimeout = TimeSpan.FromMilliseconds(150), ReconnectMinDelay = TimeSpan.FromMilliseconds(2), ReconnectMaxDelay = TimeSpan.FromMilliseconds(20),
            OnLatency = t => latencies.Enqueue(t.TotalMilliseconds),
            Log = _ => { }, // tens of thousands of retry lines; the token scan covers logging elsewhere
        });
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        // The client's own view: net units per instrument from the fills it streamed.
        var streamed = new ConcurrentDictionary<long, BrokerTransaction>();
        long lastStreamed = 0;
        var transactions = Task.Run(async () =>
        {
            try
            {
                await foreach (var t in client.StreamTransactionsAsync(0, stop.Token))
                {
                    Assert.True(streamed.TryAdd(t.Id, t), $"transaction {t.Id} delivered twice");
                    Interlocked.Exchange(ref lastStreamed, t.Id);
                }
            }
            catch (OperationCanceledException) { }
        });
        int pricesSeen = 0;
        var prices = Task.Run(async () =>
        {
            try { await foreach (var _ in client.StreamPricesAsync(Instruments, stop.Token)) Interlocked.Increment(ref pricesSeen); }
            catch (OperationCanceledException) { }
        });

        int decisions = 0, submissions = 0, filled = 0, refused = 0, retried = 0, recovered = 0;
        var results = new ConcurrentDictionary<string, BrokerOrderResult>();
        var refusals = new ConcurrentDictionary<string, int>();
        var deadline = TimeSpan.FromSeconds(150);
        var traders = Enumerable.Range(0, 4).Select(trader => Task.Run(async () =>
        {
            var random = new SplitMix64((ulong)(trader + 1) * 7919);
            // Until the fault target is reached and the streams have both gone silent and been cut, and came back
            // after them (how many stream faults a given number of orders meets depends on the machine's load: a
            // CI run under load saw 5 stream connections in 150 s, against more than 10 on a quiet machine).
            while ((server.Faults.TotalInjected < FaultTarget || !StreamFaultsSurvived(server)) && clock.Elapsed < deadline)
            {
                int n = Interlocked.Increment(ref decisions);
                var instrument = Instruments[(int)(random.NextUInt64() % (ulong)Instruments.Length)];
                var request = new BrokerOrderRequest
                {
                    ClientId = ClientOrderId.For("soak", instrument, 638_700_000_000_000_000 + n, trader),
                    Units = (decimal)(1 + (int)(random.NextUInt64() % 50)) * (random.NextDouble() < 0.5 ? -1 : 1),
                };
                while (true)
                {
                    Interlocked.Increment(ref submissions);
                    try
                    {
                        var result = await client.SubmitOrderAsync(request);
                        Assert.True(results.TryAdd(request.ClientId.Value, result), $"{request.ClientId.Value} returned twice");
                        Interlocked.Increment(ref filled);
                        if (result.Recovered) Interlocked.Increment(ref recovered);
                        break;
                    }
                    catch (BrokerException e) when (e.Kind is BrokerErrorKind.Transient or BrokerErrorKind.RateLimited)
                    {
                        Interlocked.Increment(ref retried); // outcome unknown even after lookups: resubmitting the same id is safe
                    }
                    catch (BrokerException e) when (e.Kind is BrokerErrorKind.Rejected or BrokerErrorKind.InsufficientMargin or BrokerErrorKind.MarketHalted)
                    {
                        Assert.Equal(request.ClientId, e.Order);
                        Interlocked.Increment(ref refused);
                        refusals.AddOrUpdate(e.Reason ?? "?", 1, (_, c) => c + 1);
                        break;
                    }
                }
                if (n % 10 == 0)
                {
                    try { await client.GetOpenPositionsAsync(); }
                    catch (BrokerException e) when (e.Kind is BrokerErrorKind.Transient or BrokerErrorKind.RateLimited) { }
                }
            }
        })).ToArray();
        await Task.WhenAll(traders);
        var injected = server.Faults.Injected;
        int totalFaults = server.Faults.TotalInjected;
        var soakTime = clock.Elapsed;

        // Quiet: no more faults; the stream must catch up with the server's log.
        server.Faults.Reset(new FaultOptions());
        long serverLast;
        lock (server.Account.Gate) serverLast = server.Account.LastTransactionId;
        var wait = Stopwatch.StartNew();
        while (Interlocked.Read(ref lastStreamed) < serverLast && wait.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(20);
        var positionsFromBroker = await client.GetOpenPositionsAsync();
        stop.Cancel();
        await Task.WhenAll(transactions, prices);

        List<(string Type, string? ClientId, long Id, string? Instrument, decimal Units)> log;
        Dictionary<string, decimal> serverPositions;
        lock (server.Account.Gate)
        {
            log = [.. server.Account.Transactions.Select(t => ((string)t["type"]!, (string?)t["clientExtensions"]?["id"], long.Parse((string)t["id"]!), (string?)t["instrument"],
                t["units"] is { } u ? decimal.Parse((string)u!, System.Globalization.CultureInfo.InvariantCulture) : 0m))];
            serverPositions = server.Account.NetPositions().Where(p => p.Value != 0).ToDictionary();
        }
        int duplicates = log.Where(t => t.Type.EndsWith("_ORDER", StringComparison.Ordinal) && t.ClientId is not null).GroupBy(t => t.ClientId).Count(g => g.Count() > 1);
        var serverFills = log.Where(t => t.Type == "ORDER_FILL").ToList();
        int lostFills = serverFills.Count(f => !streamed.ContainsKey(f.Id));
        var clientPositions = streamed.Values.Where(t => t.Type == "ORDER_FILL").GroupBy(t => t.Instrument!).ToDictionary(g => g.Key, g => g.Sum(t => t.Units)).Where(p => p.Value != 0).ToDictionary();
        var brokerPositions = positionsFromBroker.ToDictionary(p => p.Instrument, p => p.NetUnits);
        int streamConnects = StreamConnects(server);
        int reconnectsWithoutBackfill = server.Journal.ReconnectsWithoutBackfill();
        var sorted = latencies.Order().ToArray();
        double p50 = sorted[sorted.Length / 2], p99 = sorted[(int)(sorted.Length * 0.99)];

        var report = $"""
            fault soak: {soakTime.TotalSeconds:0.0} s, orders attempted {decisions:N0} ({submissions:N0} submit calls, {filled:N0} filled of which {recovered:N0} recovered after a lost answer, {refused:N0} refused ({string.Join(", ", refusals.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"))}), {retried:N0} resubmitted after transient errors)
            faults injected {totalFaults:N0}: {string.Join(", ", injected.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}"))}
            duplicates {duplicates}, lost fills {lostFills} of {serverFills.Count:N0}, stream connections {streamConnects:N0}, reconnects without backfill {reconnectsWithoutBackfill}, prices received {pricesSeen:N0}
            positions equal: client (from streamed fills) {Describe(clientPositions)} / server {Describe(serverPositions)} / broker view {Describe(brokerPositions)}
            client latency (request built to response parsed, {sorted.Length:N0} calls): p50 {p50:0.00} ms, p99 {p99:0.00} ms
            """;
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        TestContext.Current.SendDiagnosticMessage(report);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "algotrading-fault-soak.txt"), report);

        Assert.True(totalFaults >= FaultTarget, report);
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lostFills);
        Assert.Equal(serverPositions, clientPositions);
        Assert.Equal(serverPositions, brokerPositions);
        Assert.Equal(0, reconnectsWithoutBackfill);
        Assert.True(StreamFaultsSurvived(server), report);
        // Every order the client was told is filled exists exactly once, filled, on the server.
        var filledOrders = log.Where(t => t.Type == "MARKET_ORDER" && t.ClientId is not null).Select(t => t.ClientId!).ToHashSet();
        Assert.All(results.Keys, id => Assert.Contains(id, filledOrders));
    }

    private static string Describe(IReadOnlyDictionary<string, decimal> positions) =>
        "{" + string.Join(", ", positions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:0}")) + "}";

    // A silence and a cut mid-line were both injected into a stream, and the streams reconnected after them.
    private static bool StreamFaultsSurvived(FakeOandaServer server) =>
        server.Faults.Injected.GetValueOrDefault(FaultKind.StreamCut) >= 1 && server.Faults.Injected.GetValueOrDefault(FaultKind.StreamSilence) >= 1 && StreamConnects(server) > 3;

    private static int StreamConnects(FakeOandaServer server) => server.Journal.Entries.Count(e => e.Route.EndsWith("/stream", StringComparison.Ordinal));
}
