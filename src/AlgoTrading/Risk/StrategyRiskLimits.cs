using System.ComponentModel.DataAnnotations;

namespace AlgoTrading.Risk;

/// <summary>Limits for one strategy (<see cref="RiskLimits.Strategies"/>); null = no limit.</summary>
public sealed record StrategyRiskLimits
{
    /// <summary>Largest gross notional of the strategy's positions and working orders, in the account currency, as a multiple of equity; larger orders are resized.</summary>
    [Range(0.0, 1000)] public double? MaxLeverage { get; init; }
}
