using System.ComponentModel.DataAnnotations;

namespace AlgoTrading.Risk;

/// <summary>Limits for one instrument (<see cref="RiskLimits.Instruments"/>); null = no limit.</summary>
public sealed record InstrumentRiskLimits
{
    /// <summary>Largest absolute position in units (working orders included); larger orders are resized.</summary>
    [Range(0.0, 1e12)] public double? MaxUnits { get; init; }
    /// <summary>Largest notional in the account currency as a multiple of equity; larger orders are resized.</summary>
    [Range(0.0, 1000)] public double? MaxLeverage { get; init; }
}
