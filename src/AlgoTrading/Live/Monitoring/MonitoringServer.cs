using System.Net;
using System.Text.Json;
using Prometheus;

namespace AlgoTrading.Live.Monitoring;

/// <summary>
/// Serves <c>/healthz</c> (200 when healthy, 503 otherwise, a small JSON body either way) and
/// <c>/metrics</c> (Prometheus text) on the loopback interface only: metrics describe a trading
/// account and are not for other machines. Port 0 picks a free port; <see cref="Port"/> tells which.
/// </summary>
public sealed class MonitoringServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CollectorRegistry _registry;
    private readonly Func<HealthReport> _health;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    private MonitoringServer(HttpListener listener, int port, CollectorRegistry registry, Func<HealthReport> health)
    {
        (_listener, Port, _registry, _health) = (listener, port, registry, health);
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The port served on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Starts serving <paramref name="metrics"/> and <paramref name="health"/> on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is outside 0–65535.</exception>
    /// <exception cref="HttpListenerException">The port is taken.</exception>
    public static MonitoringServer Start(int port, LiveMetrics metrics, Func<HealthReport> health)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        for (int attempt = 0; ; attempt++)
        {
            int candidate = port != 0 ? port : FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{candidate}/");
            try
            {
                listener.Start();
                return new MonitoringServer(listener, candidate, metrics.Registry, health);
            }
            catch (HttpListenerException) when (port == 0 && attempt < 5)
            {
                listener.Close(); // another process took the free port between the probe and the bind
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync().ConfigureAwait(false); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            try { await AnswerAsync(context).ConfigureAwait(false); }
            catch (Exception) { context.Response.Abort(); } // a client that went away must not stop the server
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        switch (context.Request.Url?.AbsolutePath)
        {
            case "/metrics":
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await _registry.CollectAndExportAsTextAsync(response.OutputStream, _stop.Token).ConfigureAwait(false);
                break;
            case "/healthz":
                var report = _health();
                response.StatusCode = report.Healthy ? 200 : 503;
                response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(response.OutputStream, new
                {
                    status = report.Healthy ? "ok" : "unhealthy",
                    connected = report.Connected,
                    last_price_age_seconds = double.IsFinite(report.LastPriceAgeSeconds) ? report.LastPriceAgeSeconds : (double?)null,
                    problems = report.Problems,
                }, cancellationToken: _stop.Token).ConfigureAwait(false);
                break;
            default:
                response.StatusCode = 404;
                break;
        }
        response.Close();
    }

    /// <summary>Stops serving; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return; // shutdown paths may both dispose
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _listener.Close();
        _stop.Dispose();
    }
}
