namespace AlgoTrading.Domain;

/// <summary>
/// One closed trade. Times are bar starts (UTC) of the fill bars; prices are fill prices in the
/// quote currency; units are signed (positive long); P&amp;L and costs are in the account currency.
/// <see cref="Pnl"/> is net: price P&amp;L (which already contains spread and slippage) minus
/// commission and financing; <see cref="Costs"/> breaks down what the trade paid.
/// </summary>
public readonly record struct TradeRecord(string Instrument, DateTime EntryTime, double EntryPrice, DateTime ExitTime, double ExitPrice, double Units,
    double GrossPnl, Costs Costs, string EntryReason, string ExitReason)
{
    /// <summary>Net P&amp;L in the account currency.</summary>
    public double Pnl => GrossPnl - Costs.Commission - Costs.Financing;
}
