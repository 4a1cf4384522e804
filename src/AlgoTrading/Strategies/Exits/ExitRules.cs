namespace AlgoTrading.Strategies.Exits;

/// <summary>How a distance is measured.</summary>
public enum DistanceUnit
{
    /// <summary>Pips of the instrument (10^pip_location price units).</summary>
    Pips,
    /// <summary>Multiples of the ATR at entry (as known at the signal bar's close).</summary>
    Atr,
}

/// <summary>
/// Exits attached to every entry: stop-loss and take-profit distances, a trailing stop, a time stop
/// (close after n bars) and whether an opposite signal closes the position (in long-only mode it
/// always does). Null distances mean "none".
/// </summary>
public sealed record ExitRules
{
    /// <summary>Stop-loss distance, in <see cref="Unit"/>.</summary>
    public double? StopLoss { get; init; }
    /// <summary>Take-profit distance, in <see cref="Unit"/>.</summary>
    public double? TakeProfit { get; init; }
    /// <summary>Trailing-stop distance, in <see cref="Unit"/>.</summary>
    public double? Trailing { get; init; }
    /// <summary>Pips or ATR multiples.</summary>
    public DistanceUnit Unit { get; init; } = DistanceUnit.Pips;
    /// <summary>ATR period when <see cref="Unit"/> is ATR.</summary>
    public int AtrPeriod { get; init; } = 14;
    /// <summary>Close after this many bars in the trade.</summary>
    public int? MaxBars { get; init; }
    /// <summary>Close (and in long-short, reverse) on an opposite signal. Default true.</summary>
    public bool ExitOnOppositeSignal { get; init; } = true;

    /// <summary>A distance in price units, or NaN when not set or not yet computable.</summary>
    public double PriceDistance(double? distance, double pipSize, double atr) => distance is not { } d ? double.NaN
        : Unit == DistanceUnit.Pips ? d * pipSize : d * atr;
}
