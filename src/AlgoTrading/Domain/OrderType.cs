namespace AlgoTrading.Domain;

/// <summary>How an order executes.</summary>
public enum OrderType
{
    /// <summary>At the next available price (the next bar's open in a backtest).</summary>
    Market,
    /// <summary>At the limit price or better: a buy limit below the market, a sell limit above it.</summary>
    Limit,
    /// <summary>Becomes a market order once the price trades through the stop: a buy stop above the market, a sell stop below it.</summary>
    Stop,
}
