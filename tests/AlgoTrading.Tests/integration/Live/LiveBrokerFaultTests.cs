using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Live.Journal;
using AlgoTrading.Live.Reconciliation;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Live;

/// <summary>
/// The live path to the broker (journal → <see cref="BrokerExecutionClient"/> → OANDA client → our
/// v20-compatible server) under injected faults: 429s, 5xx, aborted connections, executed orders whose
/// answer is lost, malformed answers, rejects, and transaction streams that go silent or are cut inside
/// a line. Every decision is submitted twice (as a restart would). Afterwards: no client id became two
/// orders, every fill the server made is in the journal once, and the journal's positions equal the server's.
/// </summary>
public sealed class LiveBrokerFaultTests
{
    [Fact]
    public async Task Under_faults_no_order_is_created_twice_no_fill_is_missed_and_positions_equal_the_server()
    {
        var faults = new FaultOptions
        {
            Seed = 14, RateLimited = 0.10, ServerError = 0.12, MalformedJson = 0.06, AbortBeforeExecution = 0.06, LostResponse = 0.12,
            Reject = 0.05, StreamSilence = 0.2, StreamCut = 0.3, StreamMessagesBeforeFault = 3,
        };
        await using var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions(faults) with { Heartbeat = TimeSpan.FromMilliseconds(20), SilenceHold = TimeSpan.FromSeconds(1) });
        using var oanda = new OandaClient(BrokerKit.ClientOptions(server) with { StreamSilenceTimeout = TimeSpan.FromMilliseconds(150) });
        using var dir = new TempDirectory();
        using var journal = LiveJournal.Open(Path.Combine(dir.Path, "journal.db"));
        await using var broker = new BrokerExecutionClient(oanda, BrokerKit.Captured.Enqueue);
        var journaled = JournaledExecutionClient.Wrap(broker, journal);

        // The transaction stream feeds the client on its own thread, as the runner's stream task does.
        using var stop = new CancellationTokenSource();
        long start = (await oanda.GetAccountSummaryAsync()).LastTransactionId;
        server.Faults.Enqueue(FaultKind.StreamCut); // the stream's first connection is cut inside a line; later ones draw from the plan
        var stream = Task.Run(async () =>
        {
            try { await foreach (var t in oanda.StreamTransactionsAsync(start, stop.Token)) broker.ApplyTransaction(t); }
            catch (OperationCanceledException) { }
        });
        // Orders start once the stream's first connection took its fault (a REST call would otherwise use it up).
        for (var wait = DateTime.UtcNow.AddSeconds(10); !server.Faults.Injected.ContainsKey(FaultKind.StreamCut) && DateTime.UtcNow < wait;) await Task.Delay(10);

        const int Decisions = 60;
        string[] instruments = ["EUR_USD", "GBP_USD"];
        var ids = new List<ClientOrderId>();
        for (int i = 0; i < Decisions; i++)
        {
            var instrument = instruments[i % 2];
            var id = ClientOrderId.For("fault-soak", instrument, 638_700_000_000_000_000 + i * TimeSpan.TicksPerMinute, 0);
            ids.Add(id);
            var request = new OrderRequest(instrument, (i % 3 == 0 ? -1 : 1) * (1000 + 100 * i)) { Reason = "entry" };
            journaled.Submit(request, id, id.DecisionUtcTicks);
            journaled.Submit(request, id, id.DecisionUtcTicks); // the same decision again: one order
            if (i % 5 == 0) { await broker.DrainAsync(); journaled.Dispatch(); }
        }
        await broker.DrainAsync();
        server.Faults.Reset(new FaultOptions()); // the account is read without faults from here on
        var summary = await oanda.GetAccountSummaryAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (broker.LastTransactionId < summary.LastTransactionId && DateTime.UtcNow < deadline) await Task.Delay(20);
        await stop.CancelAsync();
        await stream;
        journaled.Dispatch();

        var report = await Reconciler.ReconcileAsync(journal, journaled, oanda, broker, instruments, (_, _, _) => Assert.Fail("no correction expected"));
        journaled.Dispatch();

        lock (server.Account.Gate)
        {
            var txs = server.Account.Transactions;
            foreach (var id in ids)
            {
                int created = txs.Count(t => ((string?)t["type"])!.EndsWith("_ORDER", StringComparison.Ordinal) && (string?)t["clientExtensions"]?["id"] == id.Value);
                Assert.True(created <= 1, $"{id.Value} created {created} times");
            }
            var serverFills = txs.Where(t => (string?)t["type"] == "ORDER_FILL").Select(t => (string?)t["clientOrderID"]).Where(c => c is not null).ToList();
            var journalFills = journal.Events("fill").Select(e => e.ClientOrderId).ToList();
            Assert.Equal(serverFills.Order(), journalFills.Order());
            var serverPositions = server.Account.NetPositions().Where(p => p.Value != 0).ToDictionary(p => p.Key, p => (double)p.Value);
            Assert.Equal(serverPositions.OrderBy(p => p.Key), Reconciler.JournaledPositions(journal).OrderBy(p => p.Key));
            Assert.NotEmpty(serverPositions);
        }
        Assert.True(report.Clean, string.Join("; ", report.Mismatches));
        Assert.Equal(Decisions, journal.AllOrders().Count);
        Assert.Empty(journal.Unconfirmed());
        int injected = server.Faults.TotalInjected;
        TestContext.Current.SendDiagnosticMessage($"faults injected: {injected} ({string.Join(", ", server.Faults.Injected.Select(p => $"{p.Key} {p.Value}"))}); " +
            $"orders {journaled.Submitted}, fills {journaled.Fills}, rejects {journaled.Rejects}");
        Assert.True(injected >= 30, $"only {injected} faults were injected");
        Assert.True(server.Faults.Injected.GetValueOrDefault(FaultKind.StreamCut) + server.Faults.Injected.GetValueOrDefault(FaultKind.StreamSilence) >= 1, "no stream fault");
        Assert.True(server.Faults.Injected.GetValueOrDefault(FaultKind.LostResponse) >= 1, "no lost answer");
        Assert.True(journaled.Fills > Decisions / 2, $"only {journaled.Fills} fills");
    }

    [Fact]
    public async Task After_a_crash_reconciliation_confirms_sent_orders_drops_unsent_ones_and_adopts_the_brokers_position()
    {
        await using var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions());
        using var oanda = new OandaClient(BrokerKit.ClientOptions(server));
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "journal.db");
        var sent = ClientOrderId.For("crash", "EUR_USD", 638_700_000_000_000_000, 0);
        var unsent = ClientOrderId.For("crash", "EUR_USD", 638_700_000_600_000_000, 0);
        // Someone traded the account by hand before the journal's last seen transaction: only the positions show it.
        await oanda.SubmitOrderAsync(new BrokerOrderRequest { ClientId = ClientOrderId.For("by-hand", "GBP_USD", 1, 0), Units = -300 });
        using (var before = LiveJournal.Open(path))
        {
            // The runner wrote both intents, sent the first, and died before any answer was journaled.
            await using var b = new BrokerExecutionClient(oanda);
            var j = JournaledExecutionClient.Wrap(new NeverSends(), before);
            j.Submit(new OrderRequest("EUR_USD", 1000), sent, sent.DecisionUtcTicks);
            j.Submit(new OrderRequest("EUR_USD", 500), unsent, unsent.DecisionUtcTicks);
            before.Set(Reconciler.LastTransactionKey, (await oanda.GetAccountSummaryAsync()).LastTransactionId.ToString());
        }
        await oanda.SubmitOrderAsync(new BrokerOrderRequest { ClientId = sent, Units = 1000 });

        using var journal = LiveJournal.Open(path);
        await using var broker = new BrokerExecutionClient(oanda);
        var journaled = JournaledExecutionClient.Wrap(broker, journal);
        var booked = new List<(string, double, double)>();
        var report = await Reconciler.ReconcileAsync(journal, journaled, oanda, broker, ["EUR_USD", "GBP_USD"], (i, u, p) => booked.Add((i, u, p)));

        Assert.Equal(1, report.ConfirmedOrders);
        Assert.Equal(1, report.DroppedOrders);
        Assert.Equal(JournalOrderState.Filled, journal.Order(sent.Value)!.State);
        Assert.Equal(JournalOrderState.Rejected, journal.Order(unsent.Value)!.State);
        Assert.Equal(1000, Reconciler.JournaledPositions(journal)["EUR_USD"]); // the missed fill came from the transaction log
        var mismatch = Assert.Single(report.Mismatches);
        Assert.Contains("GBP_USD", mismatch);
        Assert.Contains("broker is the truth", mismatch);
        var (instrument, units, _) = Assert.Single(booked);
        Assert.Equal(("GBP_USD", -300.0), (instrument, units));
        Assert.Contains(journal.Events("reconcile"), e => e.Instrument == "GBP_USD" && e.Payload.Contains("the broker is the truth"));
    }

    /// <summary>A client that accepts orders and never answers: the runner died before anything came back.</summary>
    private sealed class NeverSends : AlgoTrading.Execution.IExecutionClient
    {
        public event Action<OrderEvent>? Events { add { } remove { } }
        public IReadOnlyList<Order> WorkingOrders => [];
        public Order Submit(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks) => new(1, request, decisionUtcTicks, clientId);
        public void Replace(ClientOrderId clientId, OrderRequest request) { }
        public void Cancel(ClientOrderId clientId, string reason) { }
    }
}
