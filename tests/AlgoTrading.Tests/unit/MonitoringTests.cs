using System.Text.Json;
using AlgoTrading.Live.Monitoring;

namespace AlgoTrading.Tests.Unit;

public class MonitoringTests
{
    [Fact]
    public async Task Metrics_and_health_are_served_on_loopback()
    {
        var metrics = new LiveMetrics();
        metrics.SetEquity(100_250.5);
        metrics.SetExposure("EUR", 10_750);
        metrics.Reconnected("pricing");
        metrics.Reconnected("pricing");
        metrics.Rejected("broker");
        metrics.SetBreaker("daily_loss", true);
        metrics.ObservePriceToOrder(TimeSpan.FromMilliseconds(0.4));

        var health = new HealthReport(true, 1.5, []);
        await using var server = MonitoringServer.Start(0, metrics, () => health);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };

        var text = await http.GetStringAsync("/metrics");
        Assert.Contains("algotrading_equity 100250.5", text);
        Assert.Contains("algotrading_open_exposure{currency=\"EUR\"} 10750", text);
        Assert.Contains("algotrading_reconnects_total{stream=\"pricing\"} 2", text);
        Assert.Contains("algotrading_rejects_total{source=\"broker\"} 1", text);
        Assert.Contains("algotrading_breaker_tripped{breaker=\"daily_loss\"} 1", text);
        Assert.Contains("algotrading_price_to_order_seconds_count 1", text);

        using (var ok = await http.GetAsync("/healthz"))
        {
            Assert.Equal(200, (int)ok.StatusCode);
            Assert.Equal("ok", JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }
        health = new HealthReport(false, double.NaN, ["broker disconnected for 75 s"]);
        using (var bad = await http.GetAsync("/healthz"))
        {
            Assert.Equal(503, (int)bad.StatusCode);
            var json = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("broker disconnected for 75 s", json.GetProperty("problems")[0].GetString());
            Assert.Equal(JsonValueKind.Null, json.GetProperty("last_price_age_seconds").ValueKind);
        }
        Assert.Equal(404, (int)(await http.GetAsync("/other")).StatusCode);
    }

    [Fact]
    public async Task Stopping_frees_the_port_and_a_second_stop_does_nothing()
    {
        var server = MonitoringServer.Start(0, new LiveMetrics(), () => new HealthReport(true, 0, []));
        int port = server.Port;
        await server.DisposeAsync();
        await server.DisposeAsync();
        using var again = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        again.Start(); // the listener released the port
    }
}
