using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution.Brokers;

/// <summary>Why a broker call failed, in the terms a trading loop acts on.</summary>
public enum BrokerErrorKind
{
    /// <summary>The broker refused the request; <see cref="BrokerException.Reason"/> carries its reason code. Do not retry unchanged.</summary>
    Rejected,
    /// <summary>Not enough margin for the order. Do not retry unchanged.</summary>
    InsufficientMargin,
    /// <summary>The market is closed or the instrument not tradeable now. Retry after the halt.</summary>
    MarketHalted,
    /// <summary>Too many requests (HTTP 429) even after backing off.</summary>
    RateLimited,
    /// <summary>The token is missing, wrong or lacks access to the account (HTTP 401/403).</summary>
    Unauthorised,
    /// <summary>The order, trade, position or instrument does not exist (HTTP 404).</summary>
    NotFound,
    /// <summary>The broker could not be reached or failed (5xx, network, timeout, unreadable answer) and retries ran out. For a submission the outcome may be unknown: resubmitting the same request (same client id) is safe and returns the order if it exists.</summary>
    Transient,
}

/// <summary>
/// A broker call that failed. The message names the operation, the order's client id when there is
/// one, the kind and the broker's reason; it never contains credentials.
/// </summary>
public sealed class BrokerException : Exception
{
    /// <summary>Creates the error.</summary>
    public BrokerException(BrokerErrorKind kind, string operation, string? reason, ClientOrderId? order = null, int? httpStatus = null, Exception? inner = null)
        : base(Describe(kind, operation, reason, order, httpStatus), inner)
        => (Kind, Operation, Reason, Order, HttpStatus) = (kind, operation, reason, order, httpStatus);

    /// <summary>What went wrong.</summary>
    public BrokerErrorKind Kind { get; }
    /// <summary>The call that failed, e.g. <c>POST orders</c>.</summary>
    public string Operation { get; }
    /// <summary>The broker's reason code (e.g. <c>INSUFFICIENT_MARGIN</c>) or a short description; null when none was given.</summary>
    public string? Reason { get; }
    /// <summary>The order concerned, when the call was about one.</summary>
    public ClientOrderId? Order { get; }
    /// <summary>The HTTP status the broker answered with, when it answered.</summary>
    public int? HttpStatus { get; }

    private static string Describe(BrokerErrorKind kind, string operation, string? reason, ClientOrderId? order, int? status)
    {
        var text = $"broker {operation}";
        if (order is { } o) text += $" order {o.Value} ({o.Instrument})";
        text += $": {kind}";
        if (status is { } s) text += $" (HTTP {s})";
        if (!string.IsNullOrEmpty(reason)) text += $": {reason}";
        return text;
    }
}
