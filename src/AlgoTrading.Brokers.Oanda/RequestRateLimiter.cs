namespace AlgoTrading.Brokers.Oanda;

/// <summary>
/// Admits at most N calls in any sliding second: the (N+1)-th waits until the oldest of the last N
/// is a second old. Thread-safe; waiting honours cancellation.
/// </summary>
internal sealed class RequestRateLimiter(int perSecond)
{
    private readonly Queue<long> _recent = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            long now = Environment.TickCount64;
            while (_recent.Count > 0 && now - _recent.Peek() >= 1000) _recent.Dequeue();
            if (_recent.Count >= perSecond)
            {
                var wait = 1000 - (now - _recent.Dequeue());
                if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
            }
            _recent.Enqueue(Environment.TickCount64);
        }
        finally { _gate.Release(); }
    }
}
