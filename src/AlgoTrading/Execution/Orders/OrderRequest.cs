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
    // A run sends hundreds of thousands of requests, most of them plain market orders: the optional
    // prices are stored as NaN for none (8 bytes each rather than a nullable's 16), and the exits and
    // expiry, which few orders set, in a value of their own that the others go without (64 bytes a
    // request instead of 104). The value is replaced, never changed, so copies made by `with` never share a change.
    private readonly double _price = Price ?? double.NaN;
    private Extras? _extras;

    private sealed record Extras(double StopLoss, double TakeProfit, double StopLossDistance, double TakeProfitDistance, double TrailingDistance, long Expiry)
    {
        public static readonly Extras None = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, long.MinValue);
        // Equal requests have equal extras: none set is stored as no extras at all.
        public Extras? OrNull() => Equals(None) ? null : this;
    }

    /// <summary>Limit or stop price; null for a market order (NaN is read as none).</summary>
    public double? Price { get => Get(_price); init => _price = value ?? double.NaN; }
    /// <summary>How long it works. Default good till cancelled.</summary>
    public TimeInForce TimeInForce { get; init; } = TimeInForce.GoodTillCancelled;
    /// <summary>Expiry of a <see cref="TimeInForce.GoodTillDate"/> order, UTC ticks: it expires on the first bar starting at or after it.</summary>
    public long? ExpiryUtcTicks
    {
        get => _extras is { Expiry: not long.MinValue } x ? x.Expiry : null;
        // As Set does, but a long: ticks do not survive a trip through a double.
        init => _extras = value is null && _extras is null ? null : ((_extras ?? Extras.None) with { Expiry = value ?? long.MinValue }).OrNull();
    }
    /// <summary>Stop-loss price for the position this order opens.</summary>
    public double? StopLoss { get => Get(_extras?.StopLoss); init => _extras = Set(_extras, value ?? double.NaN, static (x, v) => x with { StopLoss = v }); }
    /// <summary>Take-profit price for the position this order opens.</summary>
    public double? TakeProfit { get => Get(_extras?.TakeProfit); init => _extras = Set(_extras, value ?? double.NaN, static (x, v) => x with { TakeProfit = v }); }
    /// <summary>Stop-loss as a distance in price units from the position's average price once filled (used instead of <see cref="StopLoss"/> when set).</summary>
    public double? StopLossDistance { get => Get(_extras?.StopLossDistance); init => _extras = Set(_extras, value ?? double.NaN, static (x, v) => x with { StopLossDistance = v }); }
    /// <summary>Take-profit as a distance in price units from the position's average price once filled (used instead of <see cref="TakeProfit"/> when set).</summary>
    public double? TakeProfitDistance { get => Get(_extras?.TakeProfitDistance); init => _extras = Set(_extras, value ?? double.NaN, static (x, v) => x with { TakeProfitDistance = v }); }
    /// <summary>Trailing-stop distance in price units (follows the best price since entry).</summary>
    public double? TrailingDistance { get => Get(_extras?.TrailingDistance); init => _extras = Set(_extras, value ?? double.NaN, static (x, v) => x with { TrailingDistance = v }); }
    /// <summary>Why the order was sent (e.g. <c>entry</c>, <c>reverse</c>, <c>exit:time</c>), kept on the trade.</summary>
    public string Reason { get; init; } = "";

    /// <summary>True when the order attaches a stop-loss, take-profit or trailing stop to its position.</summary>
    internal bool HasAttachedExits => _extras is { } x && !(double.IsNaN(x.StopLoss) && double.IsNaN(x.TakeProfit) && double.IsNaN(x.StopLossDistance)
        && double.IsNaN(x.TakeProfitDistance) && double.IsNaN(x.TrailingDistance));

    private static double? Get(double value) => double.IsNaN(value) ? null : value;
    private static double? Get(double? value) => value is { } v && !double.IsNaN(v) ? v : null;

    // Setting none where nothing is set keeps the request without extras (no object for a plain order).
    private static Extras? Set(Extras? extras, double value, Func<Extras, double, Extras> set) =>
        extras is null && double.IsNaN(value) ? null : set(extras ?? Extras.None, value).OrNull();
}
