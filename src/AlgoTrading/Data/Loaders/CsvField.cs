namespace AlgoTrading.Data.Loaders;

/// <summary>The role of a column in a delimited market-data file.</summary>
internal enum CsvField
{
    /// <summary>The timestamp, or the time of day when a separate <see cref="Date"/> column exists.</summary>
    Time,
    /// <summary>The date, for formats that split date and time into two columns.</summary>
    Date,
    /// <summary>Bid open.</summary>
    BidOpen,
    /// <summary>Bid high.</summary>
    BidHigh,
    /// <summary>Bid low.</summary>
    BidLow,
    /// <summary>Bid close.</summary>
    BidClose,
    /// <summary>Ask open.</summary>
    AskOpen,
    /// <summary>Ask high.</summary>
    AskHigh,
    /// <summary>Ask low.</summary>
    AskLow,
    /// <summary>Ask close.</summary>
    AskClose,
    /// <summary>Open (trade bars).</summary>
    Open,
    /// <summary>High (trade bars).</summary>
    High,
    /// <summary>Low (trade bars).</summary>
    Low,
    /// <summary>Close (trade bars).</summary>
    Close,
    /// <summary>Volume (trade bars, optional).</summary>
    Volume,
    /// <summary>Bid (ticks).</summary>
    Bid,
    /// <summary>Ask (ticks).</summary>
    Ask,
}
