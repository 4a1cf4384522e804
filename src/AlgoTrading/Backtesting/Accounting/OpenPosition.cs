using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Backtesting.Accounting;

/// <summary>
/// The one net position of an instrument and the trade it belongs to: signed units, average entry
/// price, the exits attached at entry (absolute prices in the quote currency) and the costs the
/// trade has paid so far (split pro rata when part of it is closed).
/// </summary>
internal struct OpenPosition
{
    public double Units;
    public double AveragePrice;
    public long EntryTime;
    public string EntryReason;
    public int BarsHeld;
    public Costs Costs;
    public double StopLoss, TakeProfit, TrailingDistance, TrailingStop;

    public readonly bool IsOpen => Units != 0;

    /// <summary>True when a stop-loss, take-profit or trailing stop is attached (NaN means none).</summary>
    public readonly bool HasExits => !double.IsNaN(StopLoss) || !double.IsNaN(TakeProfit) || !double.IsNaN(TrailingDistance);

    public void Clear()
    {
        this = default;
        EntryReason = "";
        StopLoss = TakeProfit = TrailingDistance = TrailingStop = double.NaN;
    }
}
