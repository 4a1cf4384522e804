using System.ComponentModel.DataAnnotations;
using AlgoTrading.Domain;

namespace AlgoTrading.Risk;

/// <summary>
/// Limits checked on every order that opens or increases exposure (orders that reduce or close are
/// never blocked), bound from the <c>risk:</c> section of a run's YAML (snake_case keys). Fractions are
/// of equity in the account currency (0.02 = 2 %); leverages are notional in the account currency
/// divided by equity (2.0 = twice equity); null = no limit. Every limit is off by default.
/// Exposure limits count working (unfilled) orders as if they filled (see <see cref="ExposureSnapshot"/>).
/// </summary>
public sealed record RiskLimits : IValidatableOptions
{
    /// <summary>Largest absolute position per instrument, in units; larger orders are resized.</summary>
    [Range(0.0, 1e12)] public double? MaxUnits { get; init; }
    /// <summary>Largest loss at the stop-loss per trade as a fraction of equity; larger orders are resized.</summary>
    [Range(0.0, 1.0)] public double? MaxRiskPerTrade { get; init; }
    /// <summary>Most instruments with an open position at once; further entries are rejected.</summary>
    [Range(0, 10_000)] public int? MaxOpenPositions { get; init; }
    /// <summary>
    /// Daily-loss circuit breaker: while today's loss is at or beyond this fraction of the day's starting
    /// equity, new entries are rejected; it resets when the next trading day starts.
    /// </summary>
    [Range(0.0, 1.0)] public double? MaxDailyLoss { get; init; }
    /// <summary>Drawdown circuit breaker: once the drawdown from peak equity reaches this fraction, new entries are rejected for the rest of the run (also after a restart, until <see cref="RiskManager.ResetBreaker"/>).</summary>
    [Range(0.0, 1.0)] public double? MaxDrawdown { get; init; }

    /// <summary>Largest absolute exposure to any one currency (or index underlying) other than the account currency, as a multiple of equity; EUR_USD long and EUR_GBP long both add EUR. Larger orders are resized.</summary>
    [Range(0.0, 1000)] public double? MaxCurrencyExposure { get; init; }
    /// <summary>Largest gross leverage: the sum of every position's absolute notional over equity. Larger orders are resized.</summary>
    [Range(0.0, 1000)] public double? MaxGrossLeverage { get; init; }
    /// <summary>Largest net leverage: the absolute sum of signed notionals (long minus short) over equity. Larger orders are resized.</summary>
    [Range(0.0, 1000)] public double? MaxNetLeverage { get; init; }
    /// <summary>Smallest margin headroom: the fraction of equity that must stay free after the margin of every position (notional times the instrument's margin rate) is held. 0.5 = margin may use at most half of equity.</summary>
    [Range(0.0, 1.0)] public double? MinMarginHeadroom { get; init; }
    /// <summary>Limits for single instruments, by symbol (<c>EUR_USD</c>).</summary>
    public Dictionary<string, InstrumentRiskLimits> Instruments { get; init; } = [];
    /// <summary>Limits for single strategies, by strategy name.</summary>
    public Dictionary<string, StrategyRiskLimits> Strategies { get; init; } = [];
    /// <summary>Correlation buckets, by name: instruments that move together share one leverage cap.</summary>
    public Dictionary<string, CorrelationBucket> CorrelationBuckets { get; init; } = [];

    /// <summary>Order-rate circuit breaker: more orders than this inside <see cref="OrderRateWindowSeconds"/> trip it until the next trading day.</summary>
    [Range(1, 1_000_000)] public int? MaxOrdersPerWindow { get; init; }
    /// <summary>The order-rate window in seconds (default 60).</summary>
    [Range(1.0, 86_400.0)] public double OrderRateWindowSeconds { get; init; } = 60;
    /// <summary>Stale-price circuit breaker: a price older than this many seconds at decision time refuses entries until a fresh price arrives.</summary>
    [Range(0.0, 1e9)] public double? MaxPriceAgeSeconds { get; init; }
    /// <summary>Repeated-rejects circuit breaker: this many broker rejects in a row trip it until the next trading day.</summary>
    [Range(1, 1_000_000)] public int? MaxConsecutiveRejects { get; init; }
    /// <summary>Broker-disconnection circuit breaker: a connection down longer than this many seconds trips it until the broker is connected (and reconciled) again.</summary>
    [Range(0.0, 1e9)] public double? MaxDisconnectSeconds { get; init; }

    /// <inheritdoc />
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        foreach (var (name, bucket) in CorrelationBuckets)
        {
            if (bucket.Instruments.Count == 0) yield return ($"correlation_buckets.{name}.instruments", "lists no instrument");
            if (bucket.MaxLeverage is null) yield return ($"correlation_buckets.{name}.max_leverage", "is required (a multiple of equity)");
        }
    }
}
