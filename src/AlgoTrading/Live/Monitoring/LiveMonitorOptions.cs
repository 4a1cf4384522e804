namespace AlgoTrading.Live.Monitoring;

/// <summary>Thresholds of <see cref="LiveMonitor"/>.</summary>
public sealed record LiveMonitorOptions
{
    /// <summary>
    /// Seconds without a price (while a traded market is open) or with a stream down before <c>/healthz</c>
    /// reports unhealthy. Default 60 s: EUR/USD quotes every few seconds even in quiet hours.
    /// </summary>
    public double MaxSilenceSeconds { get; init; } = 60;
    /// <summary>How many of the latest alerts the status screen shows.</summary>
    public int RecentAlerts { get; init; } = 5;
}
