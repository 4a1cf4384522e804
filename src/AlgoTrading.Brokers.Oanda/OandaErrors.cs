using System.Net;
using AlgoTrading.Execution.Brokers;

namespace AlgoTrading.Brokers.Oanda;

/// <summary>Maps v20 HTTP statuses and reject/cancel reasons to <see cref="BrokerErrorKind"/>.</summary>
public static class OandaErrors
{
    /// <summary>The kind of a v20 reject or cancel reason (e.g. <c>INSUFFICIENT_MARGIN</c>); unknown reasons are plain rejects.</summary>
    public static BrokerErrorKind OfReason(string? reason) => reason switch
    {
        "INSUFFICIENT_MARGIN" or "INSUFFICIENT_LIQUIDITY" or "MARGIN_CLOSEOUT" => BrokerErrorKind.InsufficientMargin,
        "MARKET_HALTED" or "INSTRUMENT_NOT_TRADEABLE" or "INSTRUMENT_PRICE_UNKNOWN" => BrokerErrorKind.MarketHalted,
        "ORDER_DOESNT_EXIST" or "TRADE_DOESNT_EXIST" or "NO_SUCH_ORDER" or "NO_SUCH_TRADE" or "NO_SUCH_TRANSACTION" => BrokerErrorKind.NotFound,
        "INTERNAL_SERVER_ERROR" => BrokerErrorKind.Transient,
        _ => BrokerErrorKind.Rejected,
    };

    /// <summary>The kind of a final (non-retried) HTTP status, given the reason the body named, if any.</summary>
    public static BrokerErrorKind OfStatus(HttpStatusCode status, string? reason) => (int)status switch
    {
        401 or 403 => BrokerErrorKind.Unauthorised,
        404 => BrokerErrorKind.NotFound,
        405 => BrokerErrorKind.Rejected,
        429 => BrokerErrorKind.RateLimited,
        >= 500 => BrokerErrorKind.Transient,
        _ => reason is null ? BrokerErrorKind.Rejected : OfReason(reason),
    };
}
