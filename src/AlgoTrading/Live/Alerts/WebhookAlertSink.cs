using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlgoTrading.Live.Alerts;

/// <summary>
/// Posts each alert as one JSON object to a URL: <c>{"kind","severity","title","detail","time_utc","instrument","client_order_id","text"}</c>
/// (snake_case, time as ISO 8601 UTC). Any 2xx answer counts as delivered.
/// </summary>
public sealed class WebhookAlertSink(HttpClient http, Uri url) : IAlertSink
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <inheritdoc />
    public string Name => "webhook";

    /// <inheritdoc />
    public async Task SendAsync(Alert alert, CancellationToken cancellationToken)
    {
        var body = new WebhookBody(alert.Kind, alert.Severity, alert.Title, alert.Detail,
            DateTime.SpecifyKind(alert.TimeUtc, DateTimeKind.Utc), alert.Instrument, alert.ClientOrderId, alert.ToText());
        using var response = await http.PostAsJsonAsync(url, body, Json, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"webhook answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
    }

    private sealed record WebhookBody(AlertKind Kind, AlertSeverity Severity, string Title, string Detail, DateTime TimeUtc,
        string? Instrument, string? ClientOrderId, string Text);
}
