using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AlgoTrading.Domain;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Live.Alerts;
using AlgoTrading.Live.Journal;
using AlgoTrading.Live.Monitoring;
using AlgoTrading.Live.Reconciliation;
using AlgoTrading.Live.State;
using AlgoTrading.Risk;
using AlgoTrading.Strategies;
using AlgoTrading.Time;

namespace AlgoTrading.Live.Runner;

/// <summary>What a live session is made of; built by the live workflow from configuration and arguments.</summary>
public sealed record LiveSessionSetup
{
    /// <summary>The traded instruments, in slot order.</summary>
    public required IReadOnlyList<TradableInstrument> Instruments { get; init; }
    /// <summary>Each instrument's session (trading hours, trading day), in slot order.</summary>
    public required IReadOnlyList<TradingSession> Sessions { get; init; }
    /// <summary>The strategy of each instrument, in slot order (the same objects a backtest would build).</summary>
    public required IReadOnlyList<IStrategy?> Strategies { get; init; }
    /// <summary>The bar period decisions are made on.</summary>
    public required BarPeriod Period { get; init; }
    /// <summary>Account, risk and trading-day settings of the core.</summary>
    public required TradingCoreOptions Core { get; init; }
    /// <summary>Fill rules of the paper broker (ignored with a real broker).</summary>
    public SimulationOptions Simulation { get; init; } = new();
    /// <summary>The state folder.</summary>
    public required LiveStateFolder State { get; init; }
    /// <summary>The broker; null trades on paper (the core's simulated client).</summary>
    public IBroker? Broker { get; init; }
    /// <summary>Cancels a broker order by the broker's id (reconciliation of unknown orders); null: report them only.</summary>
    public Func<string, CancellationToken, Task>? CancelById { get; init; }
    /// <summary>A replay: the bar still open when the quotes end is stepped without acting, as a backtest's last bar.</summary>
    public bool Replay { get; init; }
    /// <summary>Wall-clock stop time (UTC), and its name for the summary.</summary>
    public (DateTime At, string Reason)? StopAt { get; init; }
    /// <summary>Metrics to update; null: none.</summary>
    public LiveMetrics? Metrics { get; init; }
    /// <summary>The observer that keeps metrics, health and the status screen current (its metrics should be <see cref="Metrics"/>); null: none.</summary>
    public LiveMonitor? Monitor { get; init; }
    /// <summary>Where alerts go; null: nowhere.</summary>
    public AlertDispatcher? Alerts { get; init; }
    /// <summary>Log lines (never secrets).</summary>
    public Action<string>? Log { get; init; }
    /// <summary>Called after each step on the loop (a status display).</summary>
    public Action<LiveSession>? AfterStep { get; init; }
    /// <summary>
    /// The price series strategies read, as <c>backtest --price</c>: null reads the mids of bid/ask bars and fills at bid
    /// and ask; a value reads that one series, and paper fills and marks are at it plus or minus half the instrument's
    /// typical spread when costs apply (what the backtest does with single-price bars).
    /// </summary>
    public PriceSource? Price { get; init; }
    /// <summary>Live: a bar closes this long after its period ended even without a later quote; null (a replay): quotes only.</summary>
    public TimeSpan? CloseGrace { get; init; }
    /// <summary>The broker's stream connection as its client reports it: a drop feeds the disconnection breaker, a reconnect is reconciled.</summary>
    public BrokerConnection? Connection { get; init; }
    /// <summary>A broker connection down at least this long raises a disconnect alert (shorter drops are journaled and logged only). Default 60 s.</summary>
    public TimeSpan DisconnectAlertAfter { get; init; } = TimeSpan.FromSeconds(new AlertOptions().DisconnectAlertAfterSeconds);
    /// <summary>Told, before the first quote, the last bar a previous run on this state folder stepped (a replay plays up to it without pacing).</summary>
    public Action<long>? ResumingAfter { get; init; }
}

/// <summary>
/// One live run: the trading core (the backtest's), its execution client (paper: the simulated client;
/// live: <see cref="BrokerExecutionClient"/>), the journal in the state folder, reconciliation at start and
/// after every broker reconnect (a drop feeds the disconnection breaker, which clears once reconciled),
/// the price loop (<see cref="LiveRunner"/>), the broker's transaction stream, the kill switch, metrics
/// and alerts. Restart-safe: the core's portfolio is rebuilt from the journal's fills and its risk state
/// restored from the journal before the first quote; with a broker, the journal is then reconciled.
/// </summary>
public sealed partial class LiveSession : IAsyncDisposable
{
    private readonly LiveSessionSetup _setup;
    private readonly LiveJournal _journal;
    private readonly IDisposable _lock;
    private readonly SlotBar[] _stepBars;
    private readonly double[] _lastBid, _lastAsk;
    private BrokerExecutionClient? _broker;
    private int _reconnects;
    private long _resumeAfter = long.MinValue;
    private readonly List<string> _mismatches = [];
    private readonly double[] _halfSpread;

    /// <summary>Opens the state folder (refused while another runner holds it) and its journal.</summary>
    public LiveSession(LiveSessionSetup setup)
    {
        _setup = setup;
        _lock = setup.State.Acquire();
        _journal = LiveJournal.Open(setup.State.Journal);
        _stepBars = new SlotBar[setup.Instruments.Count];
        _lastBid = new double[setup.Instruments.Count];
        _lastAsk = new double[setup.Instruments.Count];
        if (setup.Price == PriceSource.Trade) throw new ArgumentException("--price trade: live quotes have no traded price; use bid, ask or mid");
        _halfSpread = [.. setup.Instruments.Select(i => setup.Price is not null && setup.Simulation.ApplyCosts ? i.TypicalSpreadPips * i.PipSize / 2 : 0)];
    }

    /// <summary>The quote-to-account rate of <paramref name="instrument"/> the core books a fill at now (1 when it settles in the account currency).</summary>
    public double RateOf(string instrument) => Core.RateOf(instrument);

    /// <summary>The core (after <see cref="RunAsync"/> started).</summary>
    public TradingCore Core { get; private set; } = null!;
    /// <summary>The journaling client.</summary>
    public JournaledExecutionClient Client { get; private set; } = null!;
    /// <summary>The journal.</summary>
    public LiveJournal Journal => _journal;
    /// <summary>The loop's figures.</summary>
    public LiveRunResult Loop { get; private set; } = new();
    /// <summary>Reconciliation mismatches found (each names the rule applied).</summary>
    public IReadOnlyList<string> Mismatches => _mismatches;
    /// <summary>Transaction stream reconnections.</summary>
    public int Reconnects => _reconnects;

    /// <summary>Runs until the quotes end or a stop; returns the loop's figures (the stop reason among them).</summary>
    public async Task<LiveRunResult> RunAsync(IAsyncEnumerable<LivePrice> prices, CancellationToken cancellationToken = default)
    {
        var s = _setup;
        var start = DateTime.UtcNow;
        var initial = _journal.Get("initial_cash") is { } saved ? double.Parse(saved, CultureInfo.InvariantCulture) : s.Core.InitialCash;
        _journal.Set("initial_cash", initial.ToString("R", CultureInfo.InvariantCulture));
        IExecutionClient coreClient;
        if (s.Broker is null)
        {
            var simulated = new SimulatedExecutionClient(s.Instruments, s.Simulation);
            Client = JournaledExecutionClient.Observe(simulated, _journal); // subscribed before the core: the journal hears every event first
            coreClient = simulated;
        }
        else
        {
            _broker = new BrokerExecutionClient(s.Broker, Log);
            Client = JournaledExecutionClient.Wrap(_broker, _journal);
            coreClient = Client;
        }
        Core = new TradingCore(s.Instruments, s.Strategies, s.Core with { InitialCash = initial }, coreClient);
        Client.RateOf = RateOf;
        _journal.Append(start, "start", JsonSerializer.Serialize(new
        {
            broker = s.Broker is null ? "paper" : "broker", instruments = s.Instruments.Select(i => i.Symbol), period = s.Period.ToString(),
            strategies = s.Strategies.Select(x => x?.Name), initial_cash = initial, replay = s.Replay,
        }));
        Restore();
        if (_resumeAfter != long.MinValue) s.ResumingAfter?.Invoke(_resumeAfter);
        Client.Journaled += OnJournaled;
        s.Monitor?.Attach(this, s.Sessions, live: !s.Replay);

        using var stopStreams = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task? transactions = null;
        if (s.Broker is not null)
        {
            await ReconcileAsync(cancellationToken).ConfigureAwait(false);
            transactions = Task.Run(() => StreamTransactionsAsync(stopStreams.Token), CancellationToken.None);
        }
        var runner = new LiveRunner(s.Sessions, s.Period)
        {
            State = s.State, Client = Client, Metrics = s.Metrics, StopAtUtc = s.StopAt?.At, StopAtReason = s.StopAt?.Reason ?? "duration",
            FlushAtEnd = s.Replay, AfterStep = AfterStep, CloseGrace = s.Replay ? null : s.CloseGrace, BetweenQuotes = BetweenQuotes,
        };
        try
        {
            Loop = await runner.RunAsync(Track(prices), Step, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Loop.StopReason = "error: " + e.Message.ReplaceLineEndings(" ");
            Alert(AlertKind.Stop, AlertSeverity.Critical, "live runner stopped on an error", Loop.StopReason);
            _journal.Append(DateTime.UtcNow, "error", JsonSerializer.Serialize(new { message = e.Message }));
            throw;
        }
        finally
        {
            if (runner.Kill is { } kill) await KillAsync(kill, CancellationToken.None).ConfigureAwait(false);
            if (_broker is not null) await _broker.DrainAsync(CancellationToken.None).ConfigureAwait(false);
            await stopStreams.CancelAsync().ConfigureAwait(false);
            if (transactions is not null) await transactions.ConfigureAwait(false);
            Client.Dispatch();
            Checkpoint();
            _journal.Append(DateTime.UtcNow, "stop", JsonSerializer.Serialize(new { reason = Loop.StopReason, equity = Core.Portfolio.Equity, positions = Core.Portfolio.Positions }));
            s.Monitor?.Stopped(Loop.StopReason);
        }
        Alert(AlertKind.Stop, Loop.StopReason.StartsWith("kill", StringComparison.Ordinal) ? AlertSeverity.Critical : AlertSeverity.Warning,
            $"live runner stopped: {Loop.StopReason}", $"equity {Core.Portfolio.Equity:F2}; positions {Positions()}");
        return Loop;
    }

    /// <summary>Signed units per instrument held now, as text (<c>EUR_USD -1000</c>).</summary>
    public string Positions() => Core.Portfolio.Positions.Count == 0 ? "flat" : string.Join(", ", Core.Portfolio.Positions.Select(p => $"{p.Key} {p.Value:0.##}"));

    // The last quotes per instrument, for the paper broker's flatten at a kill.
    // The runner's stop token is passed on, so a kill or a stop ends a stream that has gone quiet.
    private async IAsyncEnumerable<LivePrice> Track(IAsyncEnumerable<LivePrice> prices, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var p in prices.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            (_lastBid[p.Slot], _lastAsk[p.Slot]) = (p.Bid, p.Ask);
            _setup.Monitor?.OnPrice(p);
            yield return p;
        }
    }

    private double Step(long time, ReadOnlySpan<CompletedBar> bars, bool tradeable)
    {
        // A replay restarted on its state folder: the bars up to the last one stepped before warm the strategy up without acting.
        if (time <= _resumeAfter) tradeable = false;
        for (int i = 0; i < bars.Length; i++)
        {
            var q = bars[i].Bar;
            if (_setup.Price is { } source) _stepBars[i] = new SlotBar(bars[i].Slot, SingleSeriesStep.View(q, source, _halfSpread[bars[i].Slot]));
            else _stepBars[i] = new SlotBar(bars[i].Slot, new QuoteBarView(q.Bid.Open, q.Bid.High, q.Bid.Low, q.Bid.Close, q.Ask.Open, q.Ask.High, q.Ask.Low, q.Ask.Close));
        }
        var stepBars = _stepBars.AsSpan(0, bars.Length);
        return _setup.Price is { } price ? SingleSeriesStep.Step(Core, time, bars, stepBars, price, tradeable) : Core.Step(time, stepBars, tradeable);
    }

    private void AfterStep(LiveRunResult result)
    {
        Loop = result;
        var time = new DateTime(result.EquityTime[^1], DateTimeKind.Utc);
        lock (Client.JournalGate)
            _journal.Checkpoint(time, "equity", result.Equity[^1].ToString("R", CultureInfo.InvariantCulture), CheckpointValues(time.Ticks));
        _setup.Monitor?.AfterStep(this);
        _setup.AfterStep?.Invoke(this);
    }

    // What must survive a restart besides the orders and fills: the risk state, the broker's last transaction
    // applied, and the last bar stepped (a restarted replay acts only after it).
    private (string, string)[] CheckpointValues(long lastBar)
    {
        // The broker's transaction id is saved only once its events are journaled: read first, then deliver
        // what is held; a later transaction's fill still waiting in the queue is read again after a crash.
        long applied = _broker?.LastTransactionId ?? 0;
        Client.Dispatch();
        var values = new List<(string, string)> { ("risk_state", JsonSerializer.Serialize(Core.Risk.Export())) };
        if (lastBar > _resumeAfter) values.Add(("last_bar_utc_ticks", lastBar.ToString(CultureInfo.InvariantCulture)));
        if (applied > 0) values.Add((Reconciler.LastTransactionKey, applied.ToString(CultureInfo.InvariantCulture)));
        return [.. values];
    }

    private void Checkpoint()
    {
        lock (Client.JournalGate)
            foreach (var (key, value) in CheckpointValues(long.MinValue)) _journal.Set(key, value);
    }

    // The portfolio from the journal's fills, in order; the risk state as last saved.
    private void Restore()
    {
        var bySymbol = _setup.Instruments.ToDictionary(i => i.Symbol, StringComparer.Ordinal);
        int fills = 0;
        foreach (var e in _journal.Events("fill"))
        {
            if (e.Instrument is null || !bySymbol.TryGetValue(e.Instrument, out var instrument)) continue;
            using var doc = JsonDocument.Parse(e.Payload);
            var r = doc.RootElement;
            var costs = new Costs(r.GetProperty("spread").GetDouble(), r.GetProperty("commission").GetDouble(), r.GetProperty("slippage").GetDouble(), 0);
            // The rate the fill was booked at (journals written before rates were journaled: 1, exact for account-currency quotes only).
            double rate = r.TryGetProperty("rate", out var booked) && booked.ValueKind == JsonValueKind.Number ? booked.GetDouble() : 1;
            Core.Portfolio.Apply(new Fill(0, e.Instrument, r.GetProperty("time_utc_ticks").GetInt64(), r.GetProperty("units").GetDouble(), r.GetProperty("price").GetDouble(), costs,
                r.GetProperty("reason").GetString() ?? ""), instrument, rate);
            fills++;
        }
        if (_journal.Get("risk_state") is { } risk) Core.Risk.Restore(JsonSerializer.Deserialize<RiskState>(risk)!);
        if (_journal.Get("last_bar_utc_ticks") is { } lastBar) _resumeAfter = long.Parse(lastBar, CultureInfo.InvariantCulture);
        if (fills > 0)
        {
            _journal.Append(DateTime.UtcNow, "reconcile", JsonSerializer.Serialize(new { rule = "restart: portfolio rebuilt from the journal's fills", fills, positions = Core.Portfolio.Positions }));
            Log($"restart: {fills} journaled fills applied; positions {Positions()}");
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken, long? reviewFrom = null)
    {
        var bySymbol = _setup.Instruments.ToDictionary(i => i.Symbol, StringComparer.Ordinal);
        var report = await Reconciler.ReconcileAsync(_journal, Client, _setup.Broker!, _broker!, bySymbol.Keys, (instrument, units, price) =>
        {
            if (!bySymbol.TryGetValue(instrument, out var spec)) return; // not traded by this run: reported, not booked
            var fill = new Fill(0, instrument, DateTime.UtcNow.Ticks, units, price, default, "reconcile");
            double rate = RateOf(instrument);
            Core.Portfolio.Apply(fill, spec, rate);
            lock (Client.JournalGate)
                _journal.Append(DateTime.UtcNow, "fill", JsonSerializer.Serialize(new { units, price, time_utc_ticks = fill.TimeUtcTicks, reason = "reconcile", spread = 0.0, commission = 0.0, slippage = 0.0, rate }), instrument);
        }, _setup.CancelById, cancellationToken, reviewFrom).ConfigureAwait(false);
        Client.Dispatch();
        foreach (var m in report.Mismatches)
        {
            _mismatches.Add(m);
            Alert(AlertKind.ReconciliationMismatch, AlertSeverity.Critical, "journal and broker disagreed", m);
        }
        Log($"reconciled: {report.ConfirmedOrders} orders confirmed, {report.DroppedOrders} never sent, {report.MissedFills} missed fills, {report.Mismatches.Count} mismatches");
    }

    private async Task StreamTransactionsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var t in _setup.Broker!.StreamTransactionsAsync(_broker!.LastTransactionId, cancellationToken).ConfigureAwait(false))
                _broker.ApplyTransaction(t); // events are held for the loop
        }
        catch (OperationCanceledException) { }
        catch (BrokerException e)
        {
            Interlocked.Increment(ref _reconnects);
            _setup.Monitor?.StreamLost("transactions", e.Message);
            Alert(AlertKind.Disconnect, AlertSeverity.Critical, "transaction stream lost", e.Message);
        }
    }

    // The kill switch: working orders cancelled, positions closed when asked, then the loop has already stopped.
    private async Task KillAsync(KillRequest kill, CancellationToken cancellationToken)
    {
        foreach (var order in Core.Client.WorkingOrders.ToList())
            if (!order.IsFinal) Core.Client.Cancel(order.ClientId, "kill switch");
        if (kill.Flatten)
        {
            if (_setup.Broker is not null)
            {
                foreach (var instrument in Core.Portfolio.Positions.Keys.ToList())
                    foreach (var t in await _setup.Broker.ClosePositionAsync(instrument, cancellationToken).ConfigureAwait(false))
                        _broker!.ApplyTransaction(t);
            }
            else
            {
                // Paper: a market order per position through the simulated client (journaled like every order), filled
                // by its fill rules on a bar made of the last quote: the bid for a long, the ask for a short, with the
                // run's costs, the prices a market order would get now.
                long now = DateTime.UtcNow.Ticks;
                for (int i = 0; i < _setup.Instruments.Count; i++)
                {
                    var spec = _setup.Instruments[i];
                    double units = Core.Portfolio.UnitsOf(spec.Symbol);
                    if (units == 0 || !(_lastAsk[i] > 0)) continue;
                    Core.Client.Submit(new OrderRequest(spec.Symbol, -units) { Reason = "exit:kill_switch" }, ClientOrderId.For("kill", spec.Symbol, now, 0), now);
                    var (bid, ask) = (new Ohlc(_lastBid[i], _lastBid[i], _lastBid[i], _lastBid[i]), new Ohlc(_lastAsk[i], _lastAsk[i], _lastAsk[i], _lastAsk[i]));
                    Core.Fill(i, now, _setup.Price is { } source ? SingleSeriesStep.View(new QuoteBar(default, bid, ask), source, _halfSpread[i])
                        : new QuoteBarView(bid.Open, bid.High, bid.Low, bid.Close, ask.Open, ask.High, ask.Low, ask.Close));
                }
            }
        }
        Client.Dispatch();
        lock (Client.JournalGate) _journal.Append(DateTime.UtcNow, "stop", JsonSerializer.Serialize(new { reason = "kill switch", flatten = kill.Flatten, by = kill.Reason }));
        Alert(AlertKind.Stop, AlertSeverity.Critical, kill.Flatten ? "kill switch: orders cancelled, positions closed" : "kill switch: orders cancelled", $"pulled by {kill.Reason}");
    }

    private void OnJournaled(OrderEvent e)
    {
        var order = e.Order;
        switch (e)
        {
            case OrderFilled f:
                _setup.Metrics?.Filled();
                Alert(AlertKind.Fill, AlertSeverity.Info, $"{order.Request.Instrument} filled {f.Fill.Units:0.##} at {f.Fill.Price}", order.Request.Reason, order.Request.Instrument, order.ClientId.Value);
                break;
            case OrderRejected r:
                _setup.Metrics?.Rejected(r.Reason.StartsWith("broker", StringComparison.Ordinal) ? "broker" : "risk");
                Alert(AlertKind.Reject, AlertSeverity.Warning, $"{order.Request.Instrument} order rejected", r.Reason, order.Request.Instrument, order.ClientId.Value);
                break;
            case OrderAccepted when order.Status != OrderStatus.Rejected:
                _setup.Metrics?.OrderSubmitted();
                break;
        }
    }

    private void Alert(AlertKind kind, AlertSeverity severity, string title, string detail, string? instrument = null, string? clientOrderId = null)
    {
        try { _setup.Alerts?.Publish(new Alert(kind, severity, title, detail, DateTime.UtcNow, instrument, clientOrderId)); }
        catch (InvalidOperationException) { } // the dispatcher is stopping
    }

    private void Log(string line) => _setup.Log?.Invoke(line);

    /// <summary>Closes the journal, the broker client and the folder lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_broker is not null) await _broker.DisposeAsync().ConfigureAwait(false);
        _journal.Dispose();
        _lock.Dispose();
    }
}
