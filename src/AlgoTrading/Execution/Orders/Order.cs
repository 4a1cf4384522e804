using AlgoTrading.Domain;

namespace AlgoTrading.Execution.Orders;

/// <summary>
/// An order and its life, shared by backtests and live trading. Units are signed (positive buys);
/// prices are in the instrument's quote currency; times are UTC ticks. The only legal moves are
/// <list type="bullet">
/// <item>Created → Submitted (sent) → Accepted (working) or Rejected;</item>
/// <item>Accepted / PartiallyFilled → PartiallyFilled or Filled (by <see cref="Fill"/>), Cancelled, Expired;</item>
/// <item>Created / Submitted → Cancelled; Created → Rejected (refused before it was sent);</item>
/// <item>a replacement (<see cref="Replace"/>) keeps the order's identity while it is Created, Submitted, Accepted or PartiallyFilled.</item>
/// </list>
/// Any other move throws <see cref="InvalidOperationException"/> naming the order, its state and the move.
/// </summary>
public sealed class Order
{
    /// <summary>Creates an order in the <see cref="OrderStatus.Created"/> state.</summary>
    /// <param name="id">Unique within a run or account session, increasing.</param>
    /// <param name="request">What is asked.</param>
    /// <param name="createdUtcTicks">When it was decided (the close of the decision bar), UTC ticks.</param>
    /// <param name="clientId">The idempotency key; default: derived from <c>"order"</c>, the instrument, the time and <paramref name="id"/>.</param>
    public Order(long id, OrderRequest request, long createdUtcTicks, ClientOrderId? clientId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Units == 0 || !double.IsFinite(request.Units)) throw new ArgumentException($"order {id} ({request.Instrument}): units must be finite and non-zero, not {request.Units}");
        if (request.Type != OrderType.Market && request.Price is not { } p) throw new ArgumentException($"order {id} ({request.Instrument}): a {request.Type} order needs a price");
        if (request.TimeInForce == TimeInForce.GoodTillDate && request.ExpiryUtcTicks is null) throw new ArgumentException($"order {id} ({request.Instrument}): GTD needs an expiry time");
        (Id, Request, CreatedUtcTicks) = (id, request, createdUtcTicks);
        ClientId = clientId ?? ClientOrderId.For("order", request.Instrument, createdUtcTicks, (int)Math.Min(id, int.MaxValue));
    }

    /// <summary>Unique within a run, increasing.</summary>
    public long Id { get; }
    /// <summary>The deterministic idempotency key a broker receives.</summary>
    public ClientOrderId ClientId { get; }
    /// <summary>What is asked now (a replacement changes it; the identity stays).</summary>
    public OrderRequest Request { get; private set; }
    /// <summary>When it was created (the close of the bar the decision was made on), UTC ticks.</summary>
    public long CreatedUtcTicks { get; }
    /// <summary>Current state.</summary>
    public OrderStatus Status { get; private set; } = OrderStatus.Created;
    /// <summary>Why it was rejected, cancelled or expired (null otherwise).</summary>
    public string? StatusReason { get; private set; }
    /// <summary>Signed units filled so far.</summary>
    public double FilledUnits { get; private set; }
    /// <summary>Signed units still to fill.</summary>
    public double RemainingUnits => Request.Units - FilledUnits;
    /// <summary>Average fill price of <see cref="FilledUnits"/>, quote currency (NaN before the first fill).</summary>
    public double AverageFillPrice { get; private set; } = double.NaN;
    /// <summary>True while the order can still fill: accepted or partially filled.</summary>
    public bool IsWorking => Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled;
    /// <summary>True once nothing can happen to it any more.</summary>
    public bool IsFinal => Status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired;

    /// <summary>Created → Submitted: handed to an execution client.</summary>
    public void Submit() => Move("submit", OrderStatus.Submitted, null, Status is OrderStatus.Created);

    /// <summary>Submitted → Accepted: working.</summary>
    public void Accept() => Move("accept", OrderStatus.Accepted, null, Status is OrderStatus.Submitted);

    /// <summary>Created or Submitted → Rejected, with a reason that names the rule.</summary>
    public void Reject(string reason) => Move("reject", OrderStatus.Rejected, reason, Status is OrderStatus.Created or OrderStatus.Submitted);

    /// <summary>Any live state → Cancelled.</summary>
    public void Cancel(string reason) => Move("cancel", OrderStatus.Cancelled, reason, Status is OrderStatus.Created or OrderStatus.Submitted or OrderStatus.Accepted or OrderStatus.PartiallyFilled);

    /// <summary>Working → Expired: its time in force ran out.</summary>
    public void Expire(string reason) => Move("expire", OrderStatus.Expired, reason, IsWorking);

    /// <summary>Records a fill of <paramref name="units"/> (same sign as the order, at most the remainder) at <paramref name="price"/>.</summary>
    public void Fill(double units, double price)
    {
        if (!IsWorking) throw Illegal("fill");
        double remaining = RemainingUnits;
        if (!double.IsFinite(units) || units == 0 || (units > 0) != (remaining > 0) || Math.Abs(units) > Math.Abs(remaining) * (1 + 1e-12)) // remaining is never 0 while working
            throw new InvalidOperationException($"order {Id} {ClientId} ({Request.Instrument}): cannot fill {units} units, {remaining} remain");
        AverageFillPrice = FilledUnits == 0 ? price : (AverageFillPrice * FilledUnits + price * units) / (FilledUnits + units);
        FilledUnits += units;
        Status = Math.Abs(RemainingUnits) <= Math.Abs(Request.Units) * 1e-12 ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
    }

    /// <summary>
    /// Replaces what is asked while the order is live (cancel-and-replace that keeps the id): a new
    /// price, size, exits or expiry. The instrument, direction and type stay; the size may not drop to what has already filled.
    /// </summary>
    public void Replace(OrderRequest request)
    {
        if (Status is not (OrderStatus.Created or OrderStatus.Submitted or OrderStatus.Accepted or OrderStatus.PartiallyFilled)) throw Illegal("replace");
        if (request.Instrument != Request.Instrument || request.Type != Request.Type || Math.Sign(request.Units) != Math.Sign(Request.Units))
            throw new InvalidOperationException($"order {Id} {ClientId} ({Request.Instrument}): a replacement keeps the instrument, type and direction");
        if (Math.Abs(request.Units) <= Math.Abs(FilledUnits))
            throw new InvalidOperationException($"order {Id} {ClientId} ({Request.Instrument}): {FilledUnits} units already filled; cannot replace with {request.Units}");
        Request = request;
    }

    // Each move names the statuses it leaves from as a pattern on Status (checked inline, once per event).
    private void Move(string action, OrderStatus to, string? reason, bool fromLegalStatus)
    {
        if (!fromLegalStatus) throw Illegal(action);
        (Status, StatusReason) = (to, reason);
    }

    private InvalidOperationException Illegal(string action) =>
        new($"order {Id} {ClientId} ({Request.Instrument} {Request.Type} {Request.Units}) is {Status}: cannot {action} it");

    /// <inheritdoc />
    public override string ToString() => $"order {Id} {ClientId} {Request.Instrument} {Request.Type} {Request.Units} {Status}";
}
