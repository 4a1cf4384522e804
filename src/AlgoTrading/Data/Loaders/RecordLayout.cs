namespace AlgoTrading.Data.Loaders;

/// <summary>What one record of a market-data file describes.</summary>
internal enum RecordLayout
{
    /// <summary>A bar with bid and ask OHLC.</summary>
    QuoteBars,
    /// <summary>A bar with one OHLC and a volume.</summary>
    TradeBars,
    /// <summary>A top-of-book quote (bid, ask).</summary>
    Ticks,
}
