namespace AlgoTrading.Execution.Brokers;

/// <summary>A tradeable instrument.</summary>
/// <param name="Name">Broker symbol, e.g. <c>EUR_USD</c>.</param>
/// <param name="Type">CURRENCY or CFD.</param>
/// <param name="DisplayPrecision">Decimal places of prices.</param>
/// <param name="TradeUnitsPrecision">Decimal places of units (0: whole units).</param>
/// <param name="PipLocation">Power of ten of one pip (-4 for EUR_USD).</param>
/// <param name="MarginRate">Fraction of the notional held as margin (0.0333 is 30:1).</param>
/// <param name="MinimumTradeSize">Smallest order in units.</param>
public sealed record BrokerInstrument(string Name, string Type, int DisplayPrecision, int TradeUnitsPrecision, int PipLocation,
    decimal MarginRate, decimal MinimumTradeSize);
