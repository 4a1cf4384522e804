using AlgoTrading.Domain;

namespace AlgoTrading.Execution.Orders;

/// <summary>
/// What a strategy (after sizing and risk) asks for. Units are signed: positive buys, negative
/// sells. Prices are in the instrument's quote currency. Attached exits apply to the position the
/// order opens (or reverses, or adds to) and become linked orders that cancel each other: a stop-loss
/// and take-profit as prices or as distances from the fill, and a trailing stop distance in price units.
/// </summary>
public sealed record OrderRequest(string Instrument, double Units, OrderType Type = OrderType.Market, double? Price = null)
{
    /// <summary>How long it works. Default good till cancelled.</summary>
    public TimeInForce TimeInForce { get; init; } = TimeInForce.GoodTillCancelled;
    /// <summary>Expiry of a <see cref="TimeInForce.GoodTillDate"/> order, UTC ticks: it expires on the first bar starting at or after it.</summary>
    public long? ExpiryUtcTicks { get; init; }
    /// <summary>Stop-loss price for the position this order opens.</summary>
    public double? StopLoss { get; init; }
    /// <summary>Take-profit price for the position this order opens.</summary>
    public double? TakeProfit { get; init; }
    /// <summary>Stop-loss as a distance in price units from the position's average price once filled (used instead of <see cref="StopLoss"/> when set).</summary>
    public double? StopLossDistance { get; init; }
    /// <summary>Take-profit as a distance in price units from the position's average price once filled (used instead of <see cref="TakeProfit"/> when set).</summary>
    public double? TakeProfitDistance { get; init; }
    /// <summary>Trailing-stop distance in price units (follows the best price since entry).</summary>
    public double? TrailingDistance { get; init; }
    /// <summary>Why the order was sent (e.g. <c>entry</c>, <c>reverse</c>, <c>exit:time</c>), kept on the trade.</summary>
    public string Reason { get; init; } = "";
}
