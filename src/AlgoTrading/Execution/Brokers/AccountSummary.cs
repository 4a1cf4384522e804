namespace AlgoTrading.Execution.Brokers;

/// <summary>An account's state. Amounts are in <see cref="Currency"/>.</summary>
/// <param name="Id">The broker's account id.</param>
/// <param name="Currency">ISO 4217 home currency.</param>
/// <param name="Balance">Cash balance (realised P&amp;L included).</param>
/// <param name="NetAssetValue">Balance plus unrealised P&amp;L.</param>
/// <param name="UnrealizedPnl">Open trades' unrealised P&amp;L.</param>
/// <param name="MarginUsed">Margin held by open trades.</param>
/// <param name="MarginAvailable">Margin left for new trades.</param>
/// <param name="OpenTradeCount">Open trades.</param>
/// <param name="OpenPositionCount">Instruments with an open position.</param>
/// <param name="PendingOrderCount">Pending orders.</param>
/// <param name="LastTransactionId">The newest transaction id.</param>
public sealed record AccountSummary(string Id, string Currency, decimal Balance, decimal NetAssetValue, decimal UnrealizedPnl,
    decimal MarginUsed, decimal MarginAvailable, int OpenTradeCount, int OpenPositionCount, int PendingOrderCount, long LastTransactionId);
