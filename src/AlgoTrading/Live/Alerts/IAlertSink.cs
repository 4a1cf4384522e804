namespace AlgoTrading.Live.Alerts;

/// <summary>Somewhere an alert is delivered (a chat, a webhook). Implementations send one alert per call and throw on failure.</summary>
public interface IAlertSink
{
    /// <summary>A short name for logs and metrics, e.g. <c>telegram</c>.</summary>
    string Name { get; }

    /// <summary>Delivers <paramref name="alert"/>.</summary>
    Task SendAsync(Alert alert, CancellationToken cancellationToken);
}
