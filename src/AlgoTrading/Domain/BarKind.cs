namespace AlgoTrading.Domain;

/// <summary>What a bar series holds.</summary>
public enum BarKind
{
    /// <summary>Bid and ask OHLC (forex, CFDs): the prices one could actually deal at.</summary>
    Quote,
    /// <summary>One traded OHLC and a volume (equities, indices, futures).</summary>
    Trade,
}
