namespace AlgoTrading.Domain;

/// <summary>One top-of-book quote. Prices are in the instrument's quote currency; <see cref="Time"/> is UTC.</summary>
public readonly record struct Tick(DateTime Time, double Bid, double Ask)
{
    /// <summary>(Bid + Ask) / 2, as <see cref="OhlcColumns.Mid"/> computes it (exact on the prices' decimal grid).</summary>
    public double Mid => OhlcColumns.Mid(Bid, Ask);

    /// <summary>Ask - Bid in price units (negative when the quote is crossed).</summary>
    public double Spread => Ask - Bid;
}
