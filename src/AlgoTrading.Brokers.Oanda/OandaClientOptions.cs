using AlgoTrading.Configuration;
using AlgoTrading.Domain;

namespace AlgoTrading.Brokers.Oanda;

/// <summary>
/// Where and how <see cref="OandaClient"/> talks to v20. Build it with
/// <see cref="OandaEnvironment.Resolve"/> (practice hosts unless live is confirmed twice) or by hand
/// for a local server. Durations are wall-clock.
/// </summary>
public sealed record OandaClientOptions
{
    /// <summary>REST base URL ending in <c>/v3</c>, e.g. <c>https://api-fxpractice.oanda.com/v3</c>.</summary>
    public required Uri RestUrl { get; init; }
    /// <summary>Streaming base URL ending in <c>/v3</c>, e.g. <c>https://stream-fxpractice.oanda.com/v3</c>.</summary>
    public required Uri StreamUrl { get; init; }
    /// <summary>The personal access token (sent only as the Authorization header).</summary>
    public required Secret Token { get; init; }
    /// <summary>The v20 account id (kept out of logs and messages too).</summary>
    public required Secret AccountId { get; init; }
    /// <summary>Deadline of one HTTP attempt. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Retries of a read (or of a 429) before giving up. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;
    /// <summary>First retry delay; doubles with jitter. Default 200 ms.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>Longest retry delay (also caps Retry-After). Default 10 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>A stream without a price, transaction or heartbeat for this long is dead. Default 20 s.</summary>
    public TimeSpan StreamSilenceTimeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>First stream reconnect delay; doubles up to <see cref="ReconnectMaxDelay"/>. Default 1 s.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Longest stream reconnect delay. Default 60 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Request rate cap per account (OANDA allows 100/s). Default 100.</summary>
    public int RequestsPerSecond { get; init; } = 100;
    /// <summary>New stream connections per second (OANDA allows 2/s). Default 2.</summary>
    public int StreamsPerSecond { get; init; } = 2;
    /// <summary>Receives the client's log lines (retries, reconnects, discarded lines); never given secrets.</summary>
    public Action<string>? Log { get; init; }
    /// <summary>
    /// Told when a stream (<c>pricing stream</c>, <c>transaction stream</c>) connects (true) or drops (false, before
    /// the reconnect back-off), on the stream's thread; a live runner reconciles and feeds its disconnection breaker from it.
    /// </summary>
    public Action<string, bool>? OnStreamState { get; init; }
    /// <summary>Receives the time from request built to response parsed, per successful REST call.</summary>
    public Action<TimeSpan>? OnLatency { get; init; }
    /// <summary>Replaces the default socket handler (tests).</summary>
    public HttpMessageHandler? Handler { get; init; }
}
