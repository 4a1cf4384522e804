namespace AlgoTrading.Execution.Simulation;

/// <summary>
/// How much of an instrument's next bar the simulated client must see: a backtest reads only that
/// much of its price columns (each column read is another stream through memory).
/// </summary>
internal enum BarNeed
{
    /// <summary>Nothing works on this instrument: the bar only marks the position.</summary>
    None,
    /// <summary>Only market entries without attached exits work: they fill at the open, so the bid and ask opens suffice (the other fields may be NaN).</summary>
    Opens,
    /// <summary>A limit, stop or exit works, or slippage follows the ATR: every field of the bar.</summary>
    Full,
}
