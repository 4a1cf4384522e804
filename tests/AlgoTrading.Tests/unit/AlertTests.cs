using System.Text.Json;
using AlgoTrading.Domain;
using AlgoTrading.Live.Alerts;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

public class AlertTests
{
    private const string Token = "123456789:SECRETtokenForAlertTestsOnly0123456789";
    private static readonly DateTime At = new(2024, 5, 6, 14, 30, 0, DateTimeKind.Utc);

    private static Alert Fill(int i) => new(AlertKind.Fill, AlertSeverity.Info, $"filled #{i}", "EUR_USD +1000 at 1.07512", At, "EUR_USD", $"at-{i:x20}");

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Records alerts in memory; the dispatcher is what is under test.</summary>
    private sealed class RecordingSink : IAlertSink
    {
        public List<Alert> Received { get; } = [];
        public string Name => "memory";
        public Task SendAsync(Alert alert, CancellationToken cancellationToken) { Received.Add(alert); return Task.CompletedTask; }
    }

    [Fact]
    public async Task The_webhook_gets_one_json_object_per_alert()
    {
        using var receiver = new LocalHttpReceiver();
        using var http = new HttpClient();
        await new WebhookAlertSink(http, new Uri(receiver.BaseUrl + "/hook")).SendAsync(Fill(7), CancellationToken.None);

        var (method, path, body) = Assert.Single(receiver.Requests);
        Assert.Equal(("POST", "/hook"), (method, path));
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("fill", json.GetProperty("kind").GetString());
        Assert.Equal("info", json.GetProperty("severity").GetString());
        Assert.Equal("filled #7", json.GetProperty("title").GetString());
        Assert.Equal("EUR_USD", json.GetProperty("instrument").GetString());
        Assert.Equal(At, json.GetProperty("time_utc").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task A_webhook_that_answers_an_error_is_a_failed_delivery()
    {
        using var receiver = new LocalHttpReceiver { Respond = _ => (500, "{}") };
        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => new WebhookAlertSink(http, new Uri(receiver.BaseUrl + "/hook")).SendAsync(Fill(1), CancellationToken.None));
        Assert.Contains("500", e.Message);
    }

    [Fact]
    public async Task Telegram_sends_the_text_to_the_chat_and_never_shows_the_token()
    {
        using var receiver = new LocalHttpReceiver
        {
            Respond = _ => (200, """{"ok":true,"result":{"message_id":1,"date":1714998600,"chat":{"id":-1001,"type":"private"},"text":"x"}}"""),
        };
        using var http = new HttpClient();
        var sink = new TelegramAlertSink(new Secret(Token), new Secret("-1001"), http, receiver.BaseUrl);
        await sink.SendAsync(Fill(3), CancellationToken.None);

        var (_, path, body) = Assert.Single(receiver.Requests);
        Assert.Equal($"/bot{Token}/sendMessage", path); // the Bot API's own convention: the token is in the path
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("-1001", json.GetProperty("chat_id").ToString());
        Assert.StartsWith("[INFO] Fill: filled #3", json.GetProperty("text").GetString());

        // A failure: the error, and what the dispatcher reports of it, hold no part of the token.
        receiver.Respond = _ => (401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""");
        var e = await Assert.ThrowsAsync<AlertDeliveryException>(() => sink.SendAsync(Fill(4), CancellationToken.None));
        Assert.DoesNotContain("SECRET", e.ToString());
        var errors = new List<string>();
        await using (var dispatcher = new AlertDispatcher([sink], new AlertOptions(), onError: errors.Add))
            dispatcher.Publish(Fill(5));
        var line = Assert.Single(errors);
        Assert.Contains("not delivered to telegram", line);
        Assert.DoesNotContain("SECRET", line);
    }

    [Fact]
    public async Task The_rate_limit_holds_back_alerts_and_reports_them_in_one_summary()
    {
        var clock = new ManualClock(new DateTimeOffset(At));
        var sink = new RecordingSink();
        var dispatcher = new AlertDispatcher([sink], new AlertOptions { MaxPerWindow = 3, WindowSeconds = 60 }, clock);
        for (int i = 0; i < 5; i++) dispatcher.Publish(Fill(i));
        await WaitFor(() => dispatcher.Sent + dispatcher.Suppressed == 5);
        Assert.Equal(["filled #0", "filled #1", "filled #2"], sink.Received.Select(a => a.Title));
        Assert.Equal(2, dispatcher.Suppressed);

        // A minute later the window has room: the summary of the two held back goes first, then the new alert.
        clock.Now += TimeSpan.FromSeconds(60);
        dispatcher.Publish(new Alert(AlertKind.Reject, AlertSeverity.Warning, "rejected", "INSUFFICIENT_MARGIN", At));
        await WaitFor(() => sink.Received.Count == 5);
        Assert.Equal("2 alert(s) held back by the rate limit", sink.Received[3].Title);
        Assert.StartsWith("Fill x2", sink.Received[3].Detail);
        Assert.Equal("rejected", sink.Received[4].Title);

        // The window has one place left (summary and reject took two): one more goes, three are held
        // back, and they are still reported at shutdown.
        for (int i = 0; i < 4; i++) dispatcher.Publish(Fill(10 + i));
        await dispatcher.DisposeAsync();
        Assert.Equal(7, sink.Received.Count);
        Assert.Equal("filled #10", sink.Received[5].Title);
        Assert.Equal("3 alert(s) held back by the rate limit", sink.Received[6].Title);
        Assert.Equal(10, dispatcher.Published);
    }

    [Fact]
    public async Task Held_back_alerts_are_reported_when_the_window_has_room_even_if_no_new_alert_comes()
    {
        var clock = new ManualClock(new DateTimeOffset(At));
        var sink = new RecordingSink();
        await using var dispatcher = new AlertDispatcher([sink], new AlertOptions { MaxPerWindow = 1, WindowSeconds = 60 }, clock);
        dispatcher.Publish(Fill(0));
        dispatcher.Publish(new Alert(AlertKind.Reject, AlertSeverity.Warning, "rejected", "INSUFFICIENT_MARGIN", At));
        await WaitFor(() => dispatcher.Sent + dispatcher.Suppressed == 2);
        Assert.Equal(["filled #0"], sink.Received.Select(a => a.Title));

        // Nothing else is published: the reject must still be reported once the window has room.
        clock.Now += TimeSpan.FromSeconds(60);
        await WaitFor(() => dispatcher.Sent == 2);
        Assert.Equal("1 alert(s) held back by the rate limit", sink.Received[1].Title);
        Assert.StartsWith("Reject x1", sink.Received[1].Detail);
    }

    [Fact]
    public async Task A_critical_alert_is_never_held_back_but_its_repeats_within_the_window_are()
    {
        var clock = new ManualClock(new DateTimeOffset(At));
        var sink = new RecordingSink();
        await using var dispatcher = new AlertDispatcher([sink], new AlertOptions { MaxPerWindow = 2, WindowSeconds = 60 }, clock);
        var trip = new Alert(AlertKind.BreakerTrip, AlertSeverity.Critical, "circuit breaker stale_prices tripped", "EUR_USD: no price for 31 s", At);
        for (int i = 0; i < 4; i++) dispatcher.Publish(Fill(i));
        dispatcher.Publish(trip);
        dispatcher.Publish(new Alert(AlertKind.Stop, AlertSeverity.Critical, "kill switch: orders cancelled", "pulled by operator", At));
        dispatcher.Publish(trip with { Detail = "GBP_USD: no price for 31 s" }); // the same breaker tripping again
        dispatcher.Publish(Fill(4));
        await WaitFor(() => dispatcher.Sent + dispatcher.Suppressed == 8);

        // Two fills fill the window; the rest of the burst waits, the trip and the kill switch do not,
        // and the trip's repeat waits like a fill.
        Assert.Equal(["filled #0", "filled #1", "circuit breaker stale_prices tripped", "kill switch: orders cancelled"], sink.Received.Select(a => a.Title));
        Assert.Equal(4, dispatcher.Suppressed);

        // The window counts the critical ones too: half a minute later it still holds four sends, so the next fill waits.
        clock.Now += TimeSpan.FromSeconds(30);
        dispatcher.Publish(Fill(5));
        await WaitFor(() => dispatcher.Suppressed == 5);
        Assert.Equal(4, sink.Received.Count);

        // A window after the first trip, the same breaker tripping goes at once again.
        clock.Now += TimeSpan.FromSeconds(30);
        dispatcher.Publish(trip);
        await WaitFor(() => sink.Received.Any(a => a.Detail.Contains("BreakerTrip x1", StringComparison.Ordinal)) && sink.Received.Count(a => a.Title == trip.Title) == 2);
    }

    [Fact]
    public async Task An_error_callback_that_throws_does_not_stop_delivery()
    {
        var failing = new FailingSink();
        var errors = new List<string>();
        var dispatcher = new AlertDispatcher([failing], new AlertOptions(), onError: line => { errors.Add(line); throw new InvalidOperationException("logger down"); });
        dispatcher.Publish(Fill(1));
        dispatcher.Publish(Fill(2) with { Title = "filled\r\n#2" });
        await dispatcher.DisposeAsync();
        Assert.Equal((2, 2L, 2), (failing.Calls, dispatcher.Failed, errors.Count));
        Assert.Equal("alert 'filled #2' not delivered to failing: down", errors[1]); // one line, even for a multi-line title
    }

    private sealed class FailingSink : IAlertSink
    {
        public int Calls;
        public string Name => "failing";
        public Task SendAsync(Alert alert, CancellationToken cancellationToken) { Calls++; throw new AlertDeliveryException("down"); }
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }
}
