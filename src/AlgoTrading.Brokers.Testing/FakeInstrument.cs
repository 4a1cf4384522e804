namespace AlgoTrading.Brokers.Testing;

/// <summary>An instrument the fake server trades, with v20's precision and margin fields.</summary>
/// <param name="Name">v20 symbol.</param>
/// <param name="Type">CURRENCY or CFD.</param>
/// <param name="DisplayPrecision">Decimal places of prices; more are rejected with PRICE_PRECISION_EXCEEDED.</param>
/// <param name="PipLocation">Power of ten of a pip.</param>
/// <param name="MarginRate">Margin as a fraction of notional.</param>
/// <param name="QuoteCurrency">Currency P&amp;L is made in.</param>
/// <param name="StartPrice">Mid price of the synthetic fallback series.</param>
/// <param name="Spread">Bid-ask spread of the synthetic fallback series.</param>
public sealed record FakeInstrument(string Name, string Type, int DisplayPrecision, int PipLocation, decimal MarginRate, string QuoteCurrency,
    decimal StartPrice, decimal Spread)
{
    /// <summary>EUR_USD, GBP_USD, USD_JPY, SPX500_USD and DE30_EUR as OANDA practice lists them.</summary>
    public static IReadOnlyList<FakeInstrument> Defaults { get; } =
    [
        new("EUR_USD", "CURRENCY", 5, -4, 0.0333m, "USD", 1.10000m, 0.00012m),
        new("GBP_USD", "CURRENCY", 5, -4, 0.05m, "USD", 1.27000m, 0.00018m),
        new("USD_JPY", "CURRENCY", 3, -2, 0.04m, "JPY", 145.000m, 0.014m),
        new("SPX500_USD", "CFD", 1, 0, 0.05m, "USD", 4500.0m, 0.5m),
        new("DE30_EUR", "CFD", 1, 0, 0.05m, "EUR", 15000.0m, 1.0m),
    ];
}
