using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Domain;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Live.Alerts;
using AlgoTrading.Live.Reconciliation;
using AlgoTrading.Live.Runner;
using AlgoTrading.Live.State;
using AlgoTrading.Risk;
using AlgoTrading.Strategies;
using AlgoTrading.Tests.Support;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Integration.Live;

/// <summary>
/// The runner against our v20-compatible server when the broker connection drops and comes back:
/// the reconnect is reconciled (a fill made at the broker while the transaction stream was cut is found
/// by the reconcile after the reconnect, journaled as a mismatch and alerted), and the drop feeds the
/// broker-disconnection breaker (no new orders once down past the limit; orders again once reconciled).
/// Quotes come from the test on a synthetic clock (S1 bars, a tenth of a second apart), so the steps
/// at which things happen are deterministic; only the stream cut runs on the wall clock.
/// </summary>
public sealed class LiveReconnectTests
{
    private static readonly long T0 = new DateTime(2024, 3, 5, 10, 0, 0, DateTimeKind.Utc).Ticks; // a Tuesday

    // Decides a position every bar, alternating long and short: every step sends an order.
    private sealed class Flipper : IStrategy
    {
        private int _bars;
        public string Name => "flipper";
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
        {
            decision = new StrategyDecision(++_bars % 2 == 0 ? 1000 : -1000, double.NaN, double.NaN, double.NaN, "flip");
            return true;
        }
    }

    private sealed class Captured : IAlertSink
    {
        public ConcurrentQueue<Alert> Alerts { get; } = new();
        public string Name => "test";
        public Task SendAsync(Alert alert, CancellationToken cancellationToken) { Alerts.Enqueue(alert); return Task.CompletedTask; }
    }

    private sealed class SyntheticClock
    {
        private long _ticks = T0;
        public long Ticks { get => Interlocked.Read(ref _ticks); set => Interlocked.Exchange(ref _ticks, value); }
        public DateTime Now => new(Ticks, DateTimeKind.Utc);
    }

    // A quote every 100 ms of synthetic time, 10 ms of wall time apart, until cancelled.
    private static async IAsyncEnumerable<LivePrice> Quotes(SyntheticClock clock, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; ; i++)
        {
            clock.Ticks = T0 + i * TimeSpan.TicksPerSecond / 10;
            double mid = 1.1 + 0.0005 * Math.Sin(i / 13.0);
            yield return new LivePrice(0, clock.Ticks, mid - 0.00005, mid + 0.00005);
            await Task.Delay(10, cancellationToken);
        }
    }

    private static LiveSessionSetup Setup(string state, IBroker broker, BrokerConnection connection, AlertDispatcher alerts, Action<string> log, Action<LiveSession>? afterStep = null) => new()
    {
        Instruments = [TradableInstrument.FromSymbol("EUR_USD")], Sessions = [TradingSession.Forex], Strategies = [new Flipper()], Period = BarPeriod.S1,
        Core = new TradingCoreOptions { Risk = new RiskLimits { MaxDisconnectSeconds = 1 } }, State = new LiveStateFolder(state), Broker = broker,
        Connection = connection, Alerts = alerts, Log = log, AfterStep = afterStep, DisconnectAlertAfter = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task A_fill_made_while_the_transaction_stream_was_cut_is_found_by_the_reconcile_after_the_reconnect()
    {
        // Every stream connection is cut inside a line after three messages (REST calls draw no fault) until the first cut was seen.
        await using var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions(new FaultOptions { StreamCut = 1 }) with { SharedData = null });
        var connection = new BrokerConnection();
        // The stream stays down 1.5 s after the cut: the window in which the account trades without the runner seeing it.
        using var oanda = new OandaClient(BrokerKit.ClientOptions(server) with
        {
            ReconnectMinDelay = TimeSpan.FromSeconds(1.5), ReconnectMaxDelay = TimeSpan.FromSeconds(1.5), OnStreamState = connection.Report,
        });
        using var manual = new OandaClient(BrokerKit.ClientOptions(server));
        using var dir = new TempDirectory();
        var sink = new Captured();
        var log = new ConcurrentQueue<string>();
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Log(string line)
        {
            log.Enqueue(line);
            if (line.StartsWith("broker connection dropped", StringComparison.Ordinal)) dropped.TrySetResult();
            if (line.StartsWith("broker connection back and reconciled", StringComparison.Ordinal)) reconciled.TrySetResult();
        }

        var clock = new SyntheticClock();
        using var stop = new CancellationTokenSource();
        var byHand = ClientOrderId.For("by-hand", "EUR_USD", T0, 0);
        LiveSession session;
        await using (var alerts = new AlertDispatcher([sink], new AlertOptions()))
        {
            session = new LiveSession(Setup(dir.Path, oanda, connection, alerts, Log));
            var run = session.RunAsync(Quotes(clock, stop.Token), stop.Token);
            await dropped.Task.WaitAsync(TimeSpan.FromSeconds(20));
            server.Faults.Reset(new FaultOptions()); // the reconnection is healthy
            // Someone trades the account by hand while the runner cannot hear the transaction stream.
            await manual.SubmitOrderAsync(new BrokerOrderRequest { ClientId = byHand, Units = 700 });
            await reconciled.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await Task.Delay(300);
            await stop.CancelAsync();
            await run;

            Assert.Contains(session.Mismatches, m => m.Contains(byHand.Value, StringComparison.Ordinal) && m.Contains("the broker is the truth", StringComparison.Ordinal));
            Assert.True(session.Reconnects >= 1);
            var events = session.Journal.Events();
            long down = events.First(e => e.Kind == "disconnect").Sequence, back = events.First(e => e.Kind == "reconnect").Sequence;
            Assert.True(down < back);
            Assert.Contains(events, e => e.Kind == "reconcile" && e.Sequence > back && e.Payload.Contains("unknown fill", StringComparison.Ordinal) && e.ClientOrderId == byHand.Value);
            lock (server.Account.Gate)
            {
                var serverPositions = server.Account.NetPositions().Where(p => p.Value != 0).ToDictionary(p => p.Key, p => (double)p.Value);
                Assert.Equal(serverPositions.OrderBy(p => p.Key), Reconciler.JournaledPositions(session.Journal).OrderBy(p => p.Key));
                Assert.Equal(serverPositions.OrderBy(p => p.Key), session.Core.Portfolio.Positions.Where(p => p.Value != 0).OrderBy(p => p.Key));
            }
        }
        await session.DisposeAsync();
        Assert.Contains(sink.Alerts, a => a.Kind == AlertKind.ReconciliationMismatch && a.Detail.Contains(byHand.Value, StringComparison.Ordinal));
        Assert.Contains(sink.Alerts, a => a.Kind == AlertKind.Disconnect);
    }

    [Fact]
    public async Task A_connection_down_past_the_limit_trips_the_disconnection_breaker_and_the_reconnect_clears_it()
    {
        await using var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions() with { SharedData = null });
        using var oanda = new OandaClient(BrokerKit.ClientOptions(server));
        using var dir = new TempDirectory();
        var clock = new SyntheticClock();
        var connection = new BrokerConnection(() => clock.Now); // drop times on the quotes' clock, as the breaker compares them with bar times
        using var stop = new CancellationTokenSource();
        int steps = 0;
        bool trippedWhileDown = false, trippedBeforeDrop = true;
        long reconnectedAt = long.MaxValue;
        // The test acts on the runner's loop, after given steps: the stream "drops" after step 5 and is back after step 25 (20 s of bars later).
        void AfterStep(LiveSession s)
        {
            steps++;
            var breaker = s.Core.Risk.Breakers.Single(b => b.Name == CircuitBreaker.BrokerDisconnected);
            if (steps == 5) { trippedBeforeDrop = breaker.Tripped; connection.Report("transaction stream", false); }
            if (steps == 25) { trippedWhileDown = breaker.Tripped; reconnectedAt = clock.Ticks; connection.Report("transaction stream", true); }
            if (steps == 40) stop.Cancel();
        }
        await using var alerts = new AlertDispatcher([], new AlertOptions());
        await using var session = new LiveSession(Setup(dir.Path, oanda, connection, alerts, _ => { }, AfterStep));
        await session.RunAsync(Quotes(clock, stop.Token), stop.Token);

        Assert.False(trippedBeforeDrop);
        Assert.True(trippedWhileDown, "no broker_disconnected trip after 20 s down with a 1 s limit");
        var orders = session.Core.Orders;
        Assert.Contains(orders, o => o.Id == 0 && o.Status == OrderStatus.Rejected && o.StatusReason is { } r && r.Contains(CircuitBreaker.BrokerDisconnected, StringComparison.Ordinal));
        // Before the drop and after the reconcile, orders reach the broker and fill.
        Assert.Contains(orders, o => o.Id != 0 && o.Status == OrderStatus.Filled && o.ClientId.DecisionUtcTicks < T0 + 5 * TimeSpan.TicksPerSecond);
        Assert.Contains(orders, o => o.Id != 0 && o.Status == OrderStatus.Filled && o.ClientId.DecisionUtcTicks > reconnectedAt);
        Assert.False(session.Core.Risk.Breakers.Single(b => b.Name == CircuitBreaker.BrokerDisconnected).Tripped);
        var kinds = session.Journal.Events().Select(e => e.Kind).ToList();
        Assert.Contains("disconnect", kinds);
        Assert.Contains("reconnect", kinds);
    }
}
