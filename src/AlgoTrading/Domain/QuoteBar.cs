namespace AlgoTrading.Domain;

/// <summary>
/// A bar of bid and ask prices. <see cref="Time"/> is the bar's start in UTC; the bar covers
/// [Time, Time + period). Prices are in the instrument's quote currency.
/// </summary>
public readonly record struct QuoteBar(DateTime Time, Ohlc Bid, Ohlc Ask)
{
    /// <summary>The mid prices (bid + ask) / 2.</summary>
    public Ohlc Mid => Ohlc.Average(Bid, Ask);
}
