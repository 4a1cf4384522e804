using System.Collections.Concurrent;
using System.Net;

namespace AlgoTrading.Tests.Support;

/// <summary>
/// An HTTP server on 127.0.0.1 (a free port) that records every request (method, path, body) and
/// answers with <see cref="Respond"/>: the stand-in for webhooks and chat APIs, since tests never
/// reach the network.
/// </summary>
public sealed class LocalHttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LocalHttpReceiver()
    {
        for (int attempt = 0; ; attempt++)
        {
            using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; private set; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    /// <summary>Status and JSON body for a request path. Default: 200 and <c>{}</c>.</summary>
    public Func<string, (int Status, string Body)> Respond { get; set; } = _ => (200, "{}");

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext c;
            try { c = await _listener.GetContextAsync(); } catch (Exception) { return; }
            using var reader = new StreamReader(c.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var path = c.Request.Url!.AbsolutePath;
            Requests.Enqueue((c.Request.HttpMethod, path, body));
            var (status, answer) = Respond(path);
            c.Response.StatusCode = status;
            c.Response.ContentType = "application/json";
            var bytes = System.Text.Encoding.UTF8.GetBytes(answer);
            await c.Response.OutputStream.WriteAsync(bytes);
            c.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
