using System.ComponentModel.DataAnnotations;

namespace AlgoTrading.Risk;

/// <summary>
/// Instruments that tend to move together (for example EUR_USD, GBP_USD and AUD_USD against the USD),
/// capped together: the gross notional of the bucket's positions and working orders, in the account
/// currency, may not exceed <see cref="MaxLeverage"/> times equity. Gross, so a long and a short in one
/// bucket both count (buckets are configured, not estimated, and do not know the sign of a correlation).
/// </summary>
public sealed record CorrelationBucket
{
    /// <summary>Symbols in the bucket.</summary>
    public List<string> Instruments { get; init; } = [];
    /// <summary>Largest gross notional of the bucket as a multiple of equity (required).</summary>
    [Range(0.0, 1000)] public double? MaxLeverage { get; init; }
}
