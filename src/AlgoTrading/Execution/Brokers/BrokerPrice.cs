namespace AlgoTrading.Execution.Brokers;

/// <summary>A top-of-book quote.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="TimeUtc">Quote time, UTC.</param>
/// <param name="Bid">Best bid.</param>
/// <param name="Ask">Best ask.</param>
/// <param name="Tradeable">False while the market is closed or halted.</param>
public sealed record BrokerPrice(string Instrument, DateTime TimeUtc, decimal Bid, decimal Ask, bool Tradeable);
