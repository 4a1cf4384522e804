using AlgoTrading.Domain;
using AlgoTrading.Execution.Accounting;
using AlgoTrading.Live.Alerts;
using AlgoTrading.Live.Runner;
using AlgoTrading.Risk;
using AlgoTrading.Time;

namespace AlgoTrading.Live.Monitoring;

/// <summary>
/// The one observer a live run feeds (<see cref="LiveSessionSetup.Monitor"/>): it keeps the metrics
/// (<see cref="LiveMetrics"/>) current, answers <c>/healthz</c> (<see cref="Health"/>) and holds what
/// the status screen shows (last quotes, connection, breakers, latest alerts). The session calls
/// <see cref="Attach"/> once, <see cref="OnPrice"/> per quote (no allocation), <see cref="AfterStep"/>
/// per closed bar and <see cref="Stopped"/> at the end; <see cref="Health"/> and the screen's reads may
/// come from other threads.
/// </summary>
/// <remarks>
/// Exposure per currency is the Risk layer's (<see cref="InstrumentExposure.ExposureTo"/>) over the filled
/// positions, priced at the latest quote's mid and converted with the trading core's converter, so the
/// metric and the currency cap cannot disagree on what "EUR exposure" means. Working orders are not
/// counted: the metric is the risk held now. Stream lag (arrival minus the quote's own time) is
/// measured only on a live stream: a replay's quotes are years old by design.
/// </remarks>
public sealed class LiveMonitor
{
    private readonly LiveMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly long _created;
    private LiveSession? _session;
    private TradingSession[] _sessions = [];
    private TradableInstrument[] _instruments = [];
    private string[] _currencies = [];
    private double[] _lastBid = [], _lastAsk = [];
    private CurrencyConverter? _converter;
    private ExposureSnapshot? _exposure;
    private bool _live;
    private long _lastArrival = long.MinValue; // UTC ticks of the latest quote's arrival (read by other threads)
    private IReadOnlyList<BreakerState> _breakers = [];
    private readonly Dictionary<string, (long Since, string Reason)> _down = new(StringComparer.Ordinal);
    private readonly Queue<Alert> _recent = new();
    private AlertDispatcher? _alerts;
    private string? _stopReason;

    /// <summary>A monitor updating <paramref name="metrics"/> (a new registry when null).</summary>
    /// <param name="metrics">The metrics it keeps current.</param>
    /// <param name="options">Thresholds (defaults when null).</param>
    /// <param name="time">The clock (tests pass their own).</param>
    public LiveMonitor(LiveMetrics? metrics = null, LiveMonitorOptions? options = null, TimeProvider? time = null)
    {
        Metrics = metrics ?? new LiveMetrics();
        _options = options ?? new LiveMonitorOptions();
        _time = time ?? TimeProvider.System;
        _created = _time.GetUtcNow().UtcTicks;
    }

    /// <summary>The metrics <c>/metrics</c> exports.</summary>
    public LiveMetrics Metrics { get; }
    /// <summary>The session watched (null before <see cref="Attach"/>).</summary>
    public LiveSession? Session => _session;
    /// <summary>The traded instruments, in slot order.</summary>
    public IReadOnlyList<TradableInstrument> Instruments => _instruments;
    /// <summary>The currencies exposure is reported for (every base and quote currency except the account's), in first-seen order.</summary>
    public IReadOnlyList<string> Currencies => _currencies;
    /// <summary>Why the run stopped; null while it runs.</summary>
    public string? StopReason { get { lock (_gate) return _stopReason; } }
    /// <summary>Every configured circuit breaker, as of the last step or trip.</summary>
    public IReadOnlyList<BreakerState> Breakers { get { lock (_gate) return _breakers; } }

    /// <summary>Latest bid of slot <paramref name="slot"/> (NaN before its first quote).</summary>
    public double LastBid(int slot) => _lastBid[slot];
    /// <summary>Latest ask of slot <paramref name="slot"/> (NaN before its first quote).</summary>
    public double LastAsk(int slot) => _lastAsk[slot];

    /// <summary>
    /// Unrealised P&amp;L of slot <paramref name="slot"/> at its latest quote (a long closes at the bid, a short at
    /// the ask), account currency at the conversion rate of the last step; 0 when flat, NaN before a quote.
    /// The portfolio marks at bar closes; the screen shows the position between them.
    /// </summary>
    public double UnrealisedAt(int slot)
    {
        if (_session is not { } s || _converter is null) return double.NaN;
        var spec = _instruments[slot];
        double units = s.Core.Portfolio.UnitsOf(spec.Symbol);
        if (units == 0) return 0;
        double close = units > 0 ? _lastBid[slot] : _lastAsk[slot];
        try { return (close - s.Core.Portfolio.AveragePriceOf(spec.Symbol)) * units * _converter.Rate(spec.QuoteCurrency); }
        catch (InvalidOperationException) { return double.NaN; } // the conversion pair has not quoted yet
    }

    /// <summary>The latest alerts, oldest first.</summary>
    public Alert[] RecentAlerts() { lock (_gate) return [.. _recent]; }

    /// <summary>Keeps the latest alerts of <paramref name="alerts"/> for the screen and publishes breaker trips there.</summary>
    public void Listen(AlertDispatcher alerts)
    {
        _alerts = alerts;
        alerts.Queued += alert =>
        {
            lock (_gate)
            {
                _recent.Enqueue(alert);
                while (_recent.Count > _options.RecentAlerts) _recent.Dequeue();
            }
        };
    }

    /// <summary>Starts watching <paramref name="session"/> (its core exists, its risk state restored).</summary>
    /// <param name="session">The run.</param>
    /// <param name="sessions">Each instrument's trading session, slot order (stale prices count only while a market is open).</param>
    /// <param name="live">True for a broker's stream (stream lag is measured), false for a replay.</param>
    public void Attach(LiveSession session, IReadOnlyList<TradingSession> sessions, bool live)
    {
        var core = session.Core;
        _instruments = [.. core.Instruments];
        _sessions = [.. sessions];
        _live = live;
        _lastBid = new double[_instruments.Length];
        _lastAsk = new double[_instruments.Length];
        Array.Fill(_lastBid, double.NaN);
        Array.Fill(_lastAsk, double.NaN);
        string account = core.Portfolio.AccountCurrency;
        _converter = new CurrencyConverter(account);
        foreach (var i in _instruments) _converter.Register(i.Symbol, i.BaseCurrency, i.QuoteCurrency);
        foreach (var i in _instruments) _converter.Require(i.QuoteCurrency, i.Symbol); // the core checked the same routes
        _currencies = [.. _instruments.SelectMany(i => new[] { i.BaseCurrency, i.QuoteCurrency }).Where(c => c != account).Distinct()];
        _exposure = new ExposureSnapshot(account, _instruments.Length);
        core.Risk.BreakerTripped += OnBreakerTripped;
        _session = session;
        RefreshBreakers();
        foreach (var c in _currencies) Metrics.SetExposure(c, 0);
    }

    /// <summary>One quote arrived (the loop's thread; allocates nothing).</summary>
    public void OnPrice(in LivePrice price)
    {
        _lastBid[price.Slot] = price.Bid;
        _lastAsk[price.Slot] = price.Ask;
        long now = _time.GetUtcNow().UtcTicks;
        Volatile.Write(ref _lastArrival, now);
        if (_live) Metrics.SetStreamLag("pricing", TimeSpan.FromTicks(now - price.TimeUtcTicks));
    }

    /// <summary>After a closed bar was stepped: exposure per currency and breaker states.</summary>
    public void AfterStep(LiveSession session)
    {
        RefreshExposure(session);
        RefreshBreakers();
    }

    /// <summary>A broker stream (<c>pricing</c>, <c>transactions</c>) failed; <paramref name="reason"/> holds no secret.</summary>
    public void StreamLost(string stream, string reason)
    {
        lock (_gate) _down[stream] = (_time.GetUtcNow().UtcTicks, reason);
        Metrics.Reconnected(stream); // the reconnect attempt that follows a loss is what the counter counts
    }

    /// <summary>A broker stream is back.</summary>
    public void StreamRestored(string stream)
    {
        lock (_gate) _down.Remove(stream);
    }

    /// <summary>The run stopped (for <paramref name="reason"/>): the last figures are set and <c>/healthz</c> turns unhealthy.</summary>
    public void Stopped(string reason)
    {
        if (_session is { } s) AfterStep(s);
        lock (_gate) _stopReason = reason;
    }

    /// <summary>What <c>/healthz</c> answers: unhealthy when the run stopped, a breaker is tripped, a stream is down or prices are stale beyond the threshold.</summary>
    public HealthReport Health()
    {
        long now = _time.GetUtcNow().UtcTicks, arrival = Volatile.Read(ref _lastArrival);
        double age = arrival == long.MinValue ? double.NaN : TimeSpan.FromTicks(now - arrival).TotalSeconds;
        double limit = _options.MaxSilenceSeconds;
        var problems = new List<string>();
        bool connected, stopped;
        lock (_gate)
        {
            stopped = _stopReason is not null;
            if (stopped) problems.Add($"run stopped: {_stopReason}");
            foreach (var b in _breakers)
                if (b.Tripped) problems.Add($"breaker {b.Name} tripped: {b.Reason}");
            connected = _down.Count == 0 && arrival != long.MinValue;
            foreach (var (stream, (since, reason)) in _down)
            {
                double down = TimeSpan.FromTicks(now - since).TotalSeconds;
                if (down > limit) problems.Add($"{stream} stream disconnected for {down:F0} s (limit {limit:F0} s): {reason}");
            }
        }
        if (!stopped && AnyMarketOpen(new DateTime(now, DateTimeKind.Utc)))
        {
            double silent = arrival == long.MinValue ? TimeSpan.FromTicks(now - _created).TotalSeconds : age;
            if (silent > limit) problems.Add(arrival == long.MinValue ? $"no price received in {silent:F0} s (limit {limit:F0} s)" : $"last price {silent:F0} s old (limit {limit:F0} s)");
        }
        return new HealthReport(connected, age, problems);
    }

    private bool AnyMarketOpen(DateTime utc)
    {
        if (_sessions.Length == 0) return true; // not attached yet: the run is starting and should soon see prices
        foreach (var s in _sessions)
            if (s.IsOpen(utc)) return true;
        return false;
    }

    private void RefreshExposure(LiveSession session)
    {
        if (_exposure is not { } book || _converter is not { } converter) return;
        var portfolio = session.Core.Portfolio;
        for (int i = 0; i < _instruments.Length; i++)
            if (!double.IsNaN(_lastBid[i])) converter.Update(i, (_lastBid[i] + _lastAsk[i]) / 2);
        book.Clear();
        for (int i = 0; i < _instruments.Length; i++)
        {
            var spec = _instruments[i];
            double units = portfolio.UnitsOf(spec.Symbol);
            if (units == 0 || double.IsNaN(_lastBid[i])) continue;
            double rate;
            try { rate = converter.Rate(spec.QuoteCurrency); }
            catch (InvalidOperationException) { continue; } // the conversion pair has not quoted yet
            book.Add(new InstrumentExposure(spec.Symbol, null, spec.BaseCurrency, spec.QuoteCurrency, units, 0, (_lastBid[i] + _lastAsk[i]) / 2, rate, spec.MarginRate));
        }
        foreach (var c in _currencies) Metrics.SetExposure(c, book.ExposureTo(c));
    }

    private void RefreshBreakers()
    {
        if (_session is not { } s) return;
        var states = s.Core.Risk.Breakers;
        lock (_gate) _breakers = states;
        foreach (var b in states) Metrics.SetBreaker(b.Name, b.Tripped);
    }

    private void OnBreakerTripped(BreakerState state)
    {
        RefreshBreakers();
        try { _alerts?.Publish(new Alert(AlertKind.BreakerTrip, AlertSeverity.Critical, $"circuit breaker {state.Name} tripped", state.Reason ?? "", _time.GetUtcNow().UtcDateTime)); }
        catch (InvalidOperationException) { } // the dispatcher is stopping
    }
}
