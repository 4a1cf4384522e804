namespace AlgoTrading.Risk;

/// <summary>
/// Limits checked on every order that opens or increases exposure (orders that reduce or close are
/// never blocked). Fractions are of equity in the account currency (0.02 = 2 %); null = no limit.
/// </summary>
public sealed record RiskLimits
{
    /// <summary>Largest absolute position per instrument, in units; larger orders are resized.</summary>
    public double? MaxUnits { get; init; }
    /// <summary>Largest loss at the stop-loss per trade as a fraction of equity; larger orders are resized.</summary>
    public double? MaxRiskPerTrade { get; init; }
    /// <summary>Most instruments with an open position at once; further entries are rejected.</summary>
    public int? MaxOpenPositions { get; init; }
    /// <summary>Once today's loss reaches this fraction of the day's starting equity, new entries are rejected until the next trading day.</summary>
    public double? MaxDailyLoss { get; init; }
    /// <summary>Once the drawdown from peak equity reaches this fraction, new entries are rejected for the rest of the run.</summary>
    public double? MaxDrawdown { get; init; }
}
