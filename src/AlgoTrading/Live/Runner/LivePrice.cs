namespace AlgoTrading.Live.Runner;

/// <summary>
/// One quote reaching the runner: the instrument's slot in the run, the quote's own time (UTC ticks: bars
/// are built from it, never from the clock), bid and ask in the quote currency, and whether the market
/// takes orders now (false while it is closed or halted: the quote still builds bars, no order is sent).
/// </summary>
public readonly record struct LivePrice(int Slot, long TimeUtcTicks, double Bid, double Ask, bool Tradeable = true);
