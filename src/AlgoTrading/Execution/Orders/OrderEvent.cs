using AlgoTrading.Domain;

namespace AlgoTrading.Execution.Orders;

/// <summary>
/// Something that happened to an order, as an execution client reports it: what accounting,
/// logs and the journal consume. <see cref="TimeUtcTicks"/> is when it happened (a backtest: the
/// start of the bar it happened on).
/// </summary>
public abstract record OrderEvent(Order Order, long TimeUtcTicks);

/// <summary>The order is working.</summary>
public sealed record OrderAccepted(Order Order, long TimeUtcTicks) : OrderEvent(Order, TimeUtcTicks);

/// <summary>Part or all of the order executed: <see cref="Fill"/> says how much, at what price and cost.</summary>
public sealed record OrderFilled(Order Order, long TimeUtcTicks, Fill Fill) : OrderEvent(Order, TimeUtcTicks);

/// <summary>The order was withdrawn; <see cref="Reason"/> says by whom.</summary>
public sealed record OrderCancelled(Order Order, long TimeUtcTicks, string Reason) : OrderEvent(Order, TimeUtcTicks);

/// <summary>The order was refused.</summary>
public sealed record OrderRejected(Order Order, long TimeUtcTicks, string Reason) : OrderEvent(Order, TimeUtcTicks);

/// <summary>The order's time in force ran out.</summary>
public sealed record OrderExpired(Order Order, long TimeUtcTicks, string Reason) : OrderEvent(Order, TimeUtcTicks);

/// <summary>The order's price, size or exits were replaced; it keeps its identity.</summary>
public sealed record OrderReplaced(Order Order, long TimeUtcTicks) : OrderEvent(Order, TimeUtcTicks);
