using System.Collections.Concurrent;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Configuration;

namespace AlgoTrading.Tests.Support;

/// <summary>
/// Shared pieces of the broker tests: a recognisable canary token every fake server accepts, a sink
/// that keeps every client log line and broker exception message of the test run (scanned for the
/// token by <c>TokenLeakTests</c>), and fast client settings for a loopback server.
/// </summary>
public static class BrokerKit
{
    /// <summary>The token every test uses; it must never appear in a log, an output file or an exception message.</summary>
    public const string CanaryToken = "tok-CANARY-5b1f0c7e9d2a44c3-must-not-leak";
    /// <summary>The account id every test uses (also kept out of logs).</summary>
    public const string CanaryAccount = "101-004-CANARY77-001";

    /// <summary>Every log line and exception message the broker tests produced.</summary>
    public static ConcurrentQueue<string> Captured { get; } = new();

    /// <summary>Server settings with the canary credentials and the shared quotes when present.</summary>
    public static FakeOandaOptions ServerOptions(FaultOptions? faults = null) => new()
    {
        Token = CanaryToken,
        AccountId = CanaryAccount,
        SharedData = SharedData.RootOrNull,
        Faults = faults ?? new FaultOptions(),
        Heartbeat = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>Client settings for <paramref name="server"/>: tiny delays so faults cost little time.</summary>
    public static OandaClientOptions ClientOptions(FakeOandaServer server, string? token = null) => new()
    {
        RestUrl = server.BaseUrl,
        StreamUrl = server.BaseUrl,
        Token = new Secret(token ?? CanaryToken),
        AccountId = new Secret(server.Options.AccountId),
        RequestTimeout = TimeSpan.FromSeconds(5),
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        MaxRetries = 6,
        ReconnectMinDelay = TimeSpan.FromMilliseconds(5),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
        StreamSilenceTimeout = TimeSpan.FromSeconds(1),
        RequestsPerSecond = 100_000,
        StreamsPerSecond = 10_000,
        Log = Captured.Enqueue,
    };

    /// <summary>Runs <paramref name="call"/>, keeping the message of any exception it throws in <see cref="Captured"/>.</summary>
    public static async Task<T> Capture<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (Exception e) { Captured.Enqueue(e.ToString()); throw; }
    }
}
