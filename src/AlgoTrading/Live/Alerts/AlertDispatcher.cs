using System.Threading.Channels;

namespace AlgoTrading.Live.Alerts;

/// <summary>
/// Delivers alerts to every sink in the background, so that a slow chat service never delays a
/// trading decision. Each sink is rate-limited on its own (<see cref="AlertOptions"/>); what the limit
/// holds back is counted by kind and reported in one summary alert when the sink has room again, and
/// at the latest at <see cref="DisposeAsync"/>. A <see cref="AlertSeverity.Critical"/> alert (a breaker
/// trip, a kill switch, a lost connection) goes at once whatever the limit, and counts against the
/// window; only a repeat of the same kind and title within one window waits like any other alert, so
/// a breaker that trips again and again, or a mismatch found at every reconnect, cannot flood a sink. A failed delivery is counted and reported through the
/// error callback with a message that holds no secret; it never throws into the caller.
/// </summary>
public sealed class AlertDispatcher : IAsyncDisposable
{
    private readonly Channel<Alert> _queue = Channel.CreateUnbounded<Alert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SinkState[] _sinks;
    private readonly AlertOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string>? _onError;
    private readonly Task _pump;
    private long _published, _sent, _suppressed, _failed;

    /// <summary>How often the pump looks for room to report held-back alerts when no new alert arrives.</summary>
    private static readonly TimeSpan HeldBackCheck = TimeSpan.FromSeconds(1);

    /// <summary>Starts delivering to <paramref name="sinks"/>.</summary>
    /// <param name="sinks">Where alerts go.</param>
    /// <param name="options">Rate limits.</param>
    /// <param name="time">The clock for rate limiting (tests pass their own).</param>
    /// <param name="onError">Told, in one line, about each failed delivery.</param>
    public AlertDispatcher(IEnumerable<IAlertSink> sinks, AlertOptions options, TimeProvider? time = null, Action<string>? onError = null)
    {
        _sinks = sinks.Select(s => new SinkState(s)).ToArray();
        _options = options;
        _time = time ?? TimeProvider.System;
        _onError = onError;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Alerts handed to <see cref="Publish"/>.</summary>
    public long Published => Interlocked.Read(ref _published);
    /// <summary>Deliveries that succeeded (one per sink and alert, summaries included).</summary>
    public long Sent => Interlocked.Read(ref _sent);
    /// <summary>Deliveries the rate limit held back (each is counted in a later summary).</summary>
    public long Suppressed => Interlocked.Read(ref _suppressed);
    /// <summary>Deliveries that failed.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Raised on the publisher's thread for every alert queued (a status screen's latest alerts); a handler must be quick and must not throw.</summary>
    public event Action<Alert>? Queued;

    /// <summary>Queues <paramref name="alert"/> for every sink; returns at once.</summary>
    public void Publish(Alert alert)
    {
        Interlocked.Increment(ref _published);
        if (!_queue.Writer.TryWrite(alert)) throw new InvalidOperationException("the alert dispatcher is stopped");
        Queued?.Invoke(alert);
    }

    /// <summary>Delivers what is queued and the pending summaries, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        foreach (var sink in _sinks)
            if (sink.HeldBack.Count > 0) await DeliverAsync(sink, Summary(sink)).ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        Task<bool>? waiting = null;
        while (true)
        {
            waiting ??= reader.WaitToReadAsync().AsTask();
            // Held-back alerts must not wait for the next alert to be reported (a breaker trip held
            // back in a burst could otherwise stay unreported for hours): while any are held back,
            // the pump wakes regularly to send each sink's summary as soon as its window has room.
            if (_sinks.Any(s => s.HeldBack.Count > 0)
                && await Task.WhenAny(waiting, Task.Delay(HeldBackCheck)).ConfigureAwait(false) != waiting)
            {
                foreach (var sink in _sinks)
                    if (sink.HeldBack.Count > 0 && RoomFor(sink, 1))
                        await SendCountedAsync(sink, Summary(sink)).ConfigureAwait(false);
                continue;
            }
            if (!await waiting.ConfigureAwait(false)) return;
            waiting = null;
            while (reader.TryRead(out var alert))
                foreach (var sink in _sinks)
                {
                    // The summary goes first only when the alert still fits after it; otherwise the alert goes and the summary waits.
                    if (sink.HeldBack.Count > 0 && RoomFor(sink, 2))
                        await SendCountedAsync(sink, Summary(sink)).ConfigureAwait(false);
                    // A critical alert is what an operator must see now: a burst of fills cannot delay it.
                    if (!FirstCriticalInWindow(sink, alert) && !RoomFor(sink, 1))
                    {
                        sink.HeldBack[alert.Kind] = sink.HeldBack.GetValueOrDefault(alert.Kind) + 1;
                        Interlocked.Increment(ref _suppressed);
                        continue;
                    }
                    await SendCountedAsync(sink, alert).ConfigureAwait(false);
                }
        }
    }

    // True for a critical alert whose kind and title the sink has not sent within the window (and marks it sent now).
    private bool FirstCriticalInWindow(SinkState sink, Alert alert)
    {
        if (alert.Severity != AlertSeverity.Critical) return false;
        var now = _time.GetUtcNow();
        var key = (alert.Kind, alert.Title);
        var window = TimeSpan.FromSeconds(_options.WindowSeconds);
        if (sink.CriticalSentAt.TryGetValue(key, out var last) && now - last < window) return false;
        if (sink.CriticalSentAt.Count >= 64) // titles are few; this only bounds the map if a caller puts numbers in them
            foreach (var old in sink.CriticalSentAt.Where(p => now - p.Value >= window).Select(p => p.Key).ToList()) sink.CriticalSentAt.Remove(old);
        sink.CriticalSentAt[key] = now;
        return true;
    }

    /// <summary>Whether <paramref name="sink"/> may send <paramref name="count"/> more alerts in the current window.</summary>
    private bool RoomFor(SinkState sink, int count)
    {
        var now = _time.GetUtcNow();
        var window = TimeSpan.FromSeconds(_options.WindowSeconds);
        while (sink.SentAt.Count > 0 && now - sink.SentAt.Peek() >= window) sink.SentAt.Dequeue();
        return sink.SentAt.Count + count <= _options.MaxPerWindow;
    }

    private Task SendCountedAsync(SinkState sink, Alert alert)
    {
        sink.SentAt.Enqueue(_time.GetUtcNow());
        return DeliverAsync(sink, alert);
    }

    private Alert Summary(SinkState sink)
    {
        var counts = string.Join(", ", sink.HeldBack.OrderBy(p => p.Key).Select(p => $"{p.Key} x{p.Value}"));
        int total = sink.HeldBack.Values.Sum();
        sink.HeldBack.Clear();
        return new Alert(AlertKind.Error, AlertSeverity.Warning, $"{total} alert(s) held back by the rate limit",
            $"{counts}; the journal has every event", _time.GetUtcNow().UtcDateTime);
    }

    private async Task DeliverAsync(SinkState sink, Alert alert)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await sink.Sink.SendAsync(alert, timeout.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _failed);
            // Only the type and our own messages: a library's message may quote a URL with a token in it.
            var why = e is AlertDeliveryException or HttpRequestException { StatusCode: not null } ? e.Message : e.GetType().Name;
            try { _onError?.Invoke($"alert '{alert.Title.ReplaceLineEndings(" ")}' not delivered to {sink.Sink.Name}: {why.ReplaceLineEndings(" ")}"); }
            catch (Exception) { } // a failing error callback must not stop delivery of every later alert

        }
    }

    private sealed class SinkState(IAlertSink sink)
    {
        public IAlertSink Sink { get; } = sink;
        public Queue<DateTimeOffset> SentAt { get; } = new();
        public Dictionary<AlertKind, int> HeldBack { get; } = [];
        public Dictionary<(AlertKind Kind, string Title), DateTimeOffset> CriticalSentAt { get; } = [];
    }
}
