namespace AlgoTrading.Domain;

/// <summary>
/// The contract facts of one instrument that accounting, simulation and risk need, usually read from
/// <c>market_config.yaml</c> (<c>MarketOptions.InstrumentFor</c>). Prices are in
/// <see cref="QuoteCurrency"/>; a pip is <see cref="PipSize"/> price units; rates are annual fractions
/// of notional; commission per lot is in the account currency per side.
/// </summary>
public sealed record TradableInstrument
{
    /// <summary>Symbol, e.g. <c>EUR_USD</c>.</summary>
    public required string Symbol { get; init; }
    /// <summary>Base currency or underlying code.</summary>
    public required string BaseCurrency { get; init; }
    /// <summary>The currency of prices and P&amp;L.</summary>
    public required string QuoteCurrency { get; init; }
    /// <summary>Whether it is a currency pair (FX financing is charged three times on Wednesdays).</summary>
    public bool IsForex { get; init; } = true;
    /// <summary>Price units per pip.</summary>
    public double PipSize { get; init; } = 0.0001;
    /// <summary>Smallest order in units.</summary>
    public double MinimumTradeSize { get; init; } = 1;
    /// <summary>Units per lot.</summary>
    public double LotSize { get; init; } = 100_000;
    /// <summary>Spread in pips used when the data has a single price.</summary>
    public double TypicalSpreadPips { get; init; }
    /// <summary>Commission per lot per side, account currency.</summary>
    public double CommissionPerLot { get; init; }
    /// <summary>Commission as a fraction of notional per side.</summary>
    public double CommissionRate { get; init; }
    /// <summary>Annual financing rate on longs (negative = paid).</summary>
    public double FinancingLongRate { get; init; }
    /// <summary>Annual financing rate on shorts (negative = paid).</summary>
    public double FinancingShortRate { get; init; }
    /// <summary>Margin as a fraction of notional.</summary>
    public double MarginRate { get; init; } = 0.05;

    /// <summary>Decimal places of a quoted price.</summary>
    public int DisplayPrecision { get; init; } = 5;
    /// <summary>The name of its trading session in <c>market_config.yaml</c> (<c>fx</c>, <c>us_index</c>…); it decides where the trading day ends.</summary>
    public string Session { get; init; } = "fx";

    /// <summary>An instrument not in market_config: FX defaults read from the symbol (<c>AAA_BBB</c>), the FX session and no costs.</summary>
    public static TradableInstrument FromSymbol(string symbol)
    {
        var parts = symbol.Split('_');
        return new TradableInstrument
        {
            Symbol = symbol, BaseCurrency = parts[0], QuoteCurrency = parts.Length > 1 ? parts[1] : "USD", IsForex = parts.Length == 2 && parts[0].Length == 3,
        };
    }
}
