using AlgoTrading.Data.Synthetic;

namespace AlgoTrading.Brokers.Testing;

/// <summary>What the fake server does wrong to one request.</summary>
public enum FaultKind
{
    /// <summary>Nothing: a normal answer.</summary>
    None,
    /// <summary>HTTP 429 with <c>Retry-After</c>; the request is not executed.</summary>
    RateLimited,
    /// <summary>HTTP 500 or 503; the request is not executed.</summary>
    ServerError,
    /// <summary>The answer is delayed by <see cref="FaultOptions.LatencyDuration"/>, then normal.</summary>
    Latency,
    /// <summary>The request is executed and answered 2xx with a truncated JSON body.</summary>
    MalformedJson,
    /// <summary>The connection is aborted before the request is executed.</summary>
    AbortBeforeExecution,
    /// <summary>The request is executed, then the connection is aborted: the answer is lost.</summary>
    LostResponse,
    /// <summary>An order is rejected (HTTP 400) with the next of <see cref="FaultOptions.RejectReasons"/>.</summary>
    Reject,
    /// <summary>A stream sends a few messages, then nothing (no heartbeats either) while staying open.</summary>
    StreamSilence,
    /// <summary>A stream sends a few messages, then half a line, then the connection is aborted.</summary>
    StreamCut,
}

/// <summary>Probabilities (0..1, summed per request type) and parameters of injected faults.</summary>
public sealed record FaultOptions
{
    /// <summary>Seed of the plan: the same seed and request order give the same faults.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Chance of a 429 per REST request.</summary>
    public double RateLimited { get; init; }
    /// <summary>Chance of a 5xx per REST request.</summary>
    public double ServerError { get; init; }
    /// <summary>Chance of added latency per REST request.</summary>
    public double Latency { get; init; }
    /// <summary>Chance of a truncated JSON answer per REST request.</summary>
    public double MalformedJson { get; init; }
    /// <summary>Chance of an abort before execution per REST request or stream connect.</summary>
    public double AbortBeforeExecution { get; init; }
    /// <summary>Chance of an executed request whose answer is lost.</summary>
    public double LostResponse { get; init; }
    /// <summary>Chance that an order submission is rejected.</summary>
    public double Reject { get; init; }
    /// <summary>Chance that a stream connection goes silent.</summary>
    public double StreamSilence { get; init; }
    /// <summary>Chance that a stream connection is cut inside a line.</summary>
    public double StreamCut { get; init; }
    /// <summary>Latency added by <see cref="FaultKind.Latency"/>.</summary>
    public TimeSpan LatencyDuration { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>Seconds sent in Retry-After with a 429.</summary>
    public int RetryAfterSeconds { get; init; }
    /// <summary>Reasons used, in turn, by <see cref="FaultKind.Reject"/>.</summary>
    public IReadOnlyList<string> RejectReasons { get; init; } = ["INSUFFICIENT_MARGIN", "MARKET_HALTED", "UNITS_LIMIT_EXCEEDED"];
    /// <summary>Messages a faulty stream sends before its fault.</summary>
    public int StreamMessagesBeforeFault { get; init; } = 3;
}

/// <summary>
/// Decides, from a seeded generator, the fault of each request; tests can also queue exact faults
/// that take precedence. Counts what it injected.
/// </summary>
public sealed class FaultPlan
{
    private readonly object _gate = new();
    private readonly Queue<FaultKind> _scripted = new();
    private readonly Dictionary<FaultKind, int> _injected = [];
    private SplitMix64 _random;
    private int _rejects;
    private int _serverErrors;

    /// <summary>Creates the plan.</summary>
    public FaultPlan(FaultOptions options) { Options = options; _random = new SplitMix64((ulong)options.Seed); }

    /// <summary>The probabilities in force; replace with <see cref="Reset"/>.</summary>
    public FaultOptions Options { get; private set; }

    /// <summary>Replaces the probabilities (e.g. none at all to check final state).</summary>
    public void Reset(FaultOptions options) { lock (_gate) { Options = options; _random = new SplitMix64((ulong)options.Seed); } }

    /// <summary>Queues faults for the next requests, in order, ahead of the random plan.</summary>
    public void Enqueue(params FaultKind[] faults) { lock (_gate) foreach (var f in faults) _scripted.Enqueue(f); }

    /// <summary>Faults injected so far, by kind.</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected { get { lock (_gate) return new Dictionary<FaultKind, int>(_injected); } }

    /// <summary>All faults injected so far.</summary>
    public int TotalInjected { get { lock (_gate) return _injected.Values.Sum(); } }

    /// <summary>The fault of the next request of the given sort.</summary>
    public FaultKind Next(bool isStream, bool isOrderSubmission)
    {
        lock (_gate)
        {
            var fault = _scripted.Count > 0 ? _scripted.Dequeue() : Draw(isStream, isOrderSubmission);
            if (fault == FaultKind.Reject && !isOrderSubmission) fault = FaultKind.None;
            if (isStream && fault is FaultKind.Latency or FaultKind.MalformedJson or FaultKind.LostResponse) fault = FaultKind.StreamCut;
            if (!isStream && fault is FaultKind.StreamCut or FaultKind.StreamSilence) fault = FaultKind.None;
            if (fault != FaultKind.None) _injected[fault] = _injected.GetValueOrDefault(fault) + 1;
            return fault;
        }
    }

    /// <summary>The status of the next <see cref="FaultKind.ServerError"/>: 500 or 503, alternating.</summary>
    public int NextServerErrorStatus() { lock (_gate) return _serverErrors++ % 2 == 0 ? 503 : 500; }

    /// <summary>The reject reason for the next <see cref="FaultKind.Reject"/>.</summary>
    public string NextRejectReason() { lock (_gate) return Options.RejectReasons[_rejects++ % Options.RejectReasons.Count]; }

    private FaultKind Draw(bool isStream, bool isOrderSubmission)
    {
        var o = Options;
        double roll = _random.NextDouble();
        (FaultKind Kind, double P)[] table = isStream
            ? [(FaultKind.RateLimited, o.RateLimited), (FaultKind.ServerError, o.ServerError), (FaultKind.AbortBeforeExecution, o.AbortBeforeExecution), (FaultKind.StreamSilence, o.StreamSilence), (FaultKind.StreamCut, o.StreamCut)]
            : [(FaultKind.RateLimited, o.RateLimited), (FaultKind.ServerError, o.ServerError), (FaultKind.Latency, o.Latency), (FaultKind.MalformedJson, o.MalformedJson),
               (FaultKind.AbortBeforeExecution, o.AbortBeforeExecution), (FaultKind.LostResponse, o.LostResponse), (FaultKind.Reject, isOrderSubmission ? o.Reject : 0)];
        foreach (var (kind, p) in table)
        {
            if (roll < p) return kind;
            roll -= p;
        }
        return FaultKind.None;
    }
}
