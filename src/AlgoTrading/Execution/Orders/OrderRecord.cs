using AlgoTrading.Domain;

namespace AlgoTrading.Execution.Orders;

/// <summary>
/// An order as a run's history keeps it: who it is, what was asked and how it stands (or ended), as of
/// its latest event. Units are signed (positive buys); prices are in the instrument's quote currency;
/// times are UTC ticks. The exits an order attached (stop-loss, take-profit, trailing stop) are not
/// repeated here: they are orders of their own, with records of their own.
/// </summary>
/// <remarks>
/// A value, not the live <see cref="Order"/>: a backtest creates tens of thousands of orders and keeps
/// them all, and as objects they would outlive every young-generation collection of the run and be
/// copied by each (at 1M M1 bars, ~20 ms a run in the collector, more than the orders' own work).
/// The history keeps a finished order as a row of numbers in chunks and makes this record when it is
/// read; each order object dies once it is finished.
/// </remarks>
/// <param name="Id">Unique within a run, increasing (0: refused by risk, never sent).</param>
/// <param name="ClientId">The deterministic idempotency key a broker receives.</param>
/// <param name="Instrument">The instrument, e.g. <c>EUR_USD</c>.</param>
/// <param name="Type">Market, limit or stop.</param>
/// <param name="Units">Signed units asked for (the latest replacement's).</param>
/// <param name="Price">Limit or stop price; null for a market order.</param>
/// <param name="TimeInForce">How long it works.</param>
/// <param name="Reason">Why it was sent (e.g. <c>entry</c>, <c>exit:stop_loss</c>).</param>
/// <param name="CreatedUtcTicks">When it was decided (the close of the decision bar).</param>
/// <param name="Status">Its state as of its latest event.</param>
/// <param name="StatusReason">Why it was rejected, cancelled or expired (null otherwise).</param>
/// <param name="FilledUnits">Signed units filled.</param>
/// <param name="AverageFillPrice">Average fill price of <paramref name="FilledUnits"/> (NaN before the first fill).</param>
public readonly record struct OrderRecord(long Id, ClientOrderId ClientId, string Instrument, OrderType Type, double Units, double? Price,
    TimeInForce TimeInForce, string Reason, long CreatedUtcTicks, OrderStatus Status, string? StatusReason, double FilledUnits, double AverageFillPrice)
{
    /// <summary>The record of <paramref name="order"/> as it stands now.</summary>
    public static OrderRecord Of(Order order)
    {
        var r = order.Request;
        return new(order.Id, order.ClientId, r.Instrument, r.Type, r.Units, r.Price, r.TimeInForce, r.Reason, order.CreatedUtcTicks, order.Status,
            order.StatusReason, order.FilledUnits, order.AverageFillPrice);
    }

    /// <summary>True while the order could still fill: accepted or partially filled.</summary>
    public bool IsWorking => Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled;
}
