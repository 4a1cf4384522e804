namespace AlgoTrading.Live.Monitoring;

/// <summary>
/// Whether the runner can trade: connected to its broker, prices fresh, no breaker tripped.
/// <paramref name="Problems"/> lists what is wrong, one short phrase each (empty when healthy).
/// <paramref name="LastPriceAgeSeconds"/> is NaN before the first price.
/// </summary>
public sealed record HealthReport(bool Connected, double LastPriceAgeSeconds, IReadOnlyList<string> Problems)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool Healthy => Problems.Count == 0;
}
