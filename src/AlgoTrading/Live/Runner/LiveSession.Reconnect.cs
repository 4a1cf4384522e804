using System.Text.Json;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Live.Alerts;

namespace AlgoTrading.Live.Runner;

// The broker connection's drops and reconnects, handled on the runner's loop between quotes: a drop starts the
// disconnection breaker's count and is journaled (alerted once it lasts); a reconnect is reconciled like a start,
// reviewing every transaction since the drop, and only then does the breaker clear.
public sealed partial class LiveSession
{
    private long _reviewFromTransaction;
    private DateTime _reconcileRetryAt = DateTime.MaxValue;
    private DateTime _disconnectAlertAt = DateTime.MaxValue; // wall clock: when a drop still unresolved is alerted
    private string _downStreams = "";

    // Cheap when nothing changed (called before every quote): a completed task, no allocation.
    private ValueTask BetweenQuotes(CancellationToken cancellationToken) =>
        _setup.Connection is { HasChange: true } || (_reconcileRetryAt != DateTime.MaxValue || _disconnectAlertAt != DateTime.MaxValue) && DateTime.UtcNow >= Min(_reconcileRetryAt, _disconnectAlertAt)
            ? new ValueTask(OnConnectionChangeAsync(cancellationToken)) : ValueTask.CompletedTask;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    // A stream dropped: the disconnection breaker starts counting (it trips on the first decision past its limit).
    // Every stream back: what happened meanwhile is reconciled (the transactions since the drop are reviewed
    // for fills the journal does not know), and only then does the breaker clear.
    private async Task OnConnectionChangeAsync(CancellationToken cancellationToken)
    {
        bool dropped = false, restored = false;
        long since = long.MinValue;
        string streams = "";
        _setup.Connection?.Take(out dropped, out restored, out since, out streams);
        if (dropped)
        {
            Core.Risk.BrokerDisconnected(since);
            _reviewFromTransaction = _broker?.LastTransactionId ?? 0;
            lock (Client.JournalGate)
                _journal.Append(DateTime.UtcNow, "disconnect", JsonSerializer.Serialize(new { streams, down_since_utc_ticks = since, last_transaction_id = _reviewFromTransaction }));
            Log($"broker connection dropped ({streams}); no new orders past the disconnection limit until it is back and reconciled");
            (_disconnectAlertAt, _downStreams) = (DateTime.UtcNow + _setup.DisconnectAlertAfter, streams);
            _setup.Monitor?.StreamLost(streams, "dropped; reconnecting"); // /healthz counts the time down against its limit
        }
        if (!restored && DateTime.UtcNow >= _disconnectAlertAt)
        {
            Alert(AlertKind.Disconnect, AlertSeverity.Critical, "broker connection down", $"{_downStreams} down for more than {_setup.DisconnectAlertAfter.TotalSeconds:0} s; no new orders past the disconnection limit");
            _disconnectAlertAt = DateTime.MaxValue;
        }
        if (!restored && DateTime.UtcNow < _reconcileRetryAt) return;
        if (restored)
        {
            _disconnectAlertAt = DateTime.MaxValue;
            Interlocked.Increment(ref _reconnects);
            _setup.Monitor?.StreamRestored(_downStreams);
            lock (Client.JournalGate) _journal.Append(DateTime.UtcNow, "reconnect", JsonSerializer.Serialize(new { down_since_utc_ticks = since }));
        }
        if (_broker is null) { Core.Risk.BrokerConnected(); return; }
        try
        {
            await _broker.DrainAsync(cancellationToken).ConfigureAwait(false); // orders in flight get their answers first: none is taken for never sent
            Client.Dispatch();
            await ReconcileAsync(cancellationToken, _reviewFromTransaction).ConfigureAwait(false);
            _reconcileRetryAt = DateTime.MaxValue;
            Core.Risk.BrokerConnected();
            Log("broker connection back and reconciled");
        }
        catch (BrokerException e)
        {
            // The breaker stays as it is; the reconcile is tried again in a few seconds.
            _reconcileRetryAt = DateTime.UtcNow.AddSeconds(5);
            Log($"reconcile after reconnect failed ({e.Kind}); retrying in 5 s");
        }
    }
}
