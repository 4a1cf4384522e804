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
    // Every order of a run keeps its request: the optional prices are stored as NaN for none (8 bytes
    // each rather than a nullable's 16), which makes a request about a third smaller.
    private readonly double _price = Price ?? double.NaN;
    private double _stopLoss = double.NaN, _takeProfit = double.NaN, _stopLossDistance = double.NaN, _takeProfitDistance = double.NaN, _trailingDistance = double.NaN;
    private long _expiry = long.MinValue;

    /// <summary>Limit or stop price; null for a market order (NaN is read as none).</summary>
    public double? Price { get => Get(_price); init => _price = value ?? double.NaN; }
    /// <summary>How long it works. Default good till cancelled.</summary>
    public TimeInForce TimeInForce { get; init; } = TimeInForce.GoodTillCancelled;
    /// <summary>Expiry of a <see cref="TimeInForce.GoodTillDate"/> order, UTC ticks: it expires on the first bar starting at or after it.</summary>
    public long? ExpiryUtcTicks { get => _expiry == long.MinValue ? null : _expiry; init => _expiry = value ?? long.MinValue; }
    /// <summary>Stop-loss price for the position this order opens.</summary>
    public double? StopLoss { get => Get(_stopLoss); init => _stopLoss = value ?? double.NaN; }
    /// <summary>Take-profit price for the position this order opens.</summary>
    public double? TakeProfit { get => Get(_takeProfit); init => _takeProfit = value ?? double.NaN; }
    /// <summary>Stop-loss as a distance in price units from the position's average price once filled (used instead of <see cref="StopLoss"/> when set).</summary>
    public double? StopLossDistance { get => Get(_stopLossDistance); init => _stopLossDistance = value ?? double.NaN; }
    /// <summary>Take-profit as a distance in price units from the position's average price once filled (used instead of <see cref="TakeProfit"/> when set).</summary>
    public double? TakeProfitDistance { get => Get(_takeProfitDistance); init => _takeProfitDistance = value ?? double.NaN; }
    /// <summary>Trailing-stop distance in price units (follows the best price since entry).</summary>
    public double? TrailingDistance { get => Get(_trailingDistance); init => _trailingDistance = value ?? double.NaN; }
    /// <summary>Why the order was sent (e.g. <c>entry</c>, <c>reverse</c>, <c>exit:time</c>), kept on the trade.</summary>
    public string Reason { get; init; } = "";

    /// <summary>True when the order attaches a stop-loss, take-profit or trailing stop to its position.</summary>
    internal bool HasAttachedExits => !(double.IsNaN(_stopLoss) && double.IsNaN(_takeProfit) && double.IsNaN(_stopLossDistance) && double.IsNaN(_takeProfitDistance)
        && double.IsNaN(_trailingDistance));

    private static double? Get(double value) => double.IsNaN(value) ? null : value;
}
