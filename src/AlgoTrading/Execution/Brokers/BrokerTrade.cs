namespace AlgoTrading.Execution.Brokers;

/// <summary>An open trade: one fill that has not been fully closed.</summary>
/// <param name="Id">The broker's trade id.</param>
/// <param name="Instrument">The instrument.</param>
/// <param name="CurrentUnits">Signed units still open.</param>
/// <param name="Price">Fill price.</param>
/// <param name="OpenedUtc">When it was opened.</param>
/// <param name="UnrealizedPnl">Unrealised P&amp;L in the account currency.</param>
/// <param name="ClientOrderId">The client id of the order that opened it, if any.</param>
public sealed record BrokerTrade(string Id, string Instrument, decimal CurrentUnits, decimal Price, DateTime OpenedUtc, decimal UnrealizedPnl, string? ClientOrderId);

/// <summary>The net exposure in one instrument.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="LongUnits">Units held long (≥ 0).</param>
/// <param name="ShortUnits">Units held short (≤ 0).</param>
/// <param name="UnrealizedPnl">Unrealised P&amp;L in the account currency.</param>
public sealed record BrokerPosition(string Instrument, decimal LongUnits, decimal ShortUnits, decimal UnrealizedPnl)
{
    /// <summary>Long plus short units.</summary>
    public decimal NetUnits => LongUnits + ShortUnits;
}
