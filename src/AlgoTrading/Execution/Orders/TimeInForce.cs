namespace AlgoTrading.Execution.Orders;

/// <summary>How long an order works before it expires. The names follow the brokers' vocabulary (OANDA v20: GTC, GTD, GFD, FOK, IOC).</summary>
public enum TimeInForce
{
    /// <summary>Good till cancelled: works until filled or cancelled.</summary>
    GoodTillCancelled,
    /// <summary>Good till a date: works until filled, cancelled or its expiry time (UTC) passes.</summary>
    GoodTillDate,
    /// <summary>Good for the trading day: expires at the end of the instrument's trading day (FX: 17:00 New York).</summary>
    Day,
    /// <summary>Immediate or cancel: fills what it can at once; the rest is cancelled.</summary>
    ImmediateOrCancel,
    /// <summary>Fill or kill: fills whole at once or not at all.</summary>
    FillOrKill,
}
