namespace AlgoTrading.Live.Runner;

/// <summary>
/// Whether the broker's streams are connected, as the broker client reports it from its own threads
/// (<see cref="Report"/>), turned into changes the runner's loop takes between quotes (<see cref="Take"/>):
/// the connection dropped (any stream down), and the connection is back (every stream up again). A
/// stream that dropped and came back between two looks is still reported as both, so every reconnect
/// is reconciled, however short.
/// </summary>
public sealed class BrokerConnection
{
    private readonly object _gate = new();
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private readonly Func<DateTime> _clock;
    private long _downSince = long.MinValue;
    private bool _dropPending, _loopSeesDown;
    private volatile bool _changed;

    /// <summary>A tracker whose drop times come from <paramref name="clock"/> (UTC; default the wall clock).</summary>
    public BrokerConnection(Func<DateTime>? clock = null) => _clock = clock ?? (() => DateTime.UtcNow);

    /// <summary>True when <see cref="Take"/> has something to report (cheap: read on every quote).</summary>
    public bool HasChange => _changed;

    /// <summary>The stream <paramref name="stream"/> connected (true) or dropped (false); any thread.</summary>
    public void Report(string stream, bool connected)
    {
        lock (_gate)
        {
            if (connected)
            {
                if (!_down.Remove(stream)) return; // a first connection: nothing changed
            }
            else
            {
                if (_down.Count == 0 && _downSince == long.MinValue) _downSince = _clock().Ticks;
                _down.Add(stream);
                _dropPending = true;
            }
            _changed = true;
        }
    }

    /// <summary>
    /// The change since the last call: <paramref name="dropped"/> when the connection went down (at
    /// <paramref name="downSinceUtcTicks"/>, naming the <paramref name="streams"/> down), <paramref name="restored"/>
    /// when every stream is up again after a drop. Both are true after a drop and a reconnect between two calls.
    /// </summary>
    public void Take(out bool dropped, out bool restored, out long downSinceUtcTicks, out string streams)
    {
        lock (_gate)
        {
            _changed = false;
            dropped = _dropPending && !_loopSeesDown;
            _dropPending = false;
            if (dropped) _loopSeesDown = true;
            downSinceUtcTicks = _downSince;
            streams = _down.Count == 0 ? "" : string.Join(", ", _down.Order(StringComparer.Ordinal));
            restored = _loopSeesDown && _down.Count == 0;
            if (restored)
            {
                _loopSeesDown = false;
                _downSince = long.MinValue;
            }
        }
    }
}
