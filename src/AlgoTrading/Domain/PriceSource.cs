namespace AlgoTrading.Domain;

/// <summary>Which price of a bar a calculation uses.</summary>
public enum PriceSource
{
    /// <summary>The bid side of a quote bar.</summary>
    Bid,
    /// <summary>The ask side of a quote bar.</summary>
    Ask,
    /// <summary>(bid + ask) / 2 of a quote bar, field by field.</summary>
    Mid,
    /// <summary>The traded price of a trade bar.</summary>
    Trade,
}
