using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Backtesting;

/// <summary>
/// One closed trade. Times are bar starts (UTC) of the fill bars; prices are fill prices in the
/// quote currency; units are signed (positive long); P&amp;L and costs are in the account currency.
/// <see cref="Pnl"/> is net: price P&amp;L (which already contains spread and slippage) minus
/// commission and financing; <see cref="Costs"/> breaks down what the trade paid.
/// </summary>
public sealed record TradeRecord(string Instrument, DateTime EntryTime, double EntryPrice, DateTime ExitTime, double ExitPrice, double Units,
    double GrossPnl, Costs Costs, string EntryReason, string ExitReason)
{
    /// <summary>Net P&amp;L in the account currency.</summary>
    public double Pnl => GrossPnl - Costs.Commission - Costs.Financing;
}

/// <summary>An order the risk manager resized or refused.</summary>
/// <param name="Time">Bar start (UTC) of the decision bar.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="RequestedUnits">The position the strategy wanted.</param>
/// <param name="AllowedUnits">The position allowed.</param>
/// <param name="Reason">The rule and its numbers.</param>
public sealed record RiskEvent(DateTime Time, string Instrument, double RequestedUnits, double AllowedUnits, string Reason);
