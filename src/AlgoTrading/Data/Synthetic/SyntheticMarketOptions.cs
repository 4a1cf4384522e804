using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Synthetic;

/// <summary>
/// Parameters of <see cref="SyntheticMarketGenerator"/>. Volatilities and drifts are annualised
/// over 260 trading days of the session's open hours; spreads are in pips of <see cref="PipSize"/>.
/// </summary>
public sealed record SyntheticMarketOptions
{
    /// <summary>Symbol of the series, e.g. <c>EUR_USD</c>.</summary>
    public required string Instrument { get; init; }
    /// <summary>When the market is open; bars are only made inside it.</summary>
    public required TradingSession Session { get; init; }
    /// <summary>The first slot considered (UTC).</summary>
    public DateTime Start { get; init; } = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    /// <summary>Bar period (intraday).</summary>
    public BarPeriod Period { get; init; } = BarPeriod.M1;
    /// <summary>Number of bars to make.</summary>
    public int Bars { get; init; } = 100_000;
    /// <summary>The first mid price.</summary>
    public double InitialPrice { get; init; } = 1.10;
    /// <summary>Long-run annualised volatility of log returns (0.07 = 7 %).</summary>
    public double AnnualVolatility { get; init; } = 0.07;
    /// <summary>Annualised drift of log returns.</summary>
    public double AnnualDrift { get; init; }
    /// <summary>GARCH(1,1) reaction to the last squared return; with <see cref="GarchBeta"/> it sets the clustering.</summary>
    public double GarchAlpha { get; init; } = 0.05;
    /// <summary>GARCH(1,1) persistence; alpha + beta must stay below 1.</summary>
    public double GarchBeta { get; init; } = 0.94;
    /// <summary>Size of a pip in price units (0.0001 for EUR_USD).</summary>
    public double PipSize { get; init; } = 0.0001;
    /// <summary>Decimal places prices are rounded to.</summary>
    public int Precision { get; init; } = 5;
    /// <summary>Normal spread in pips.</summary>
    public double SpreadPips { get; init; } = 1.2;
    /// <summary>How many times wider the spread is in the half hour around the trading-day end (the 17:00 New York rollover for FX) and at the weekly open.</summary>
    public double RolloverSpreadMultiplier { get; init; } = 6;
    /// <summary>Seed; the same seed gives the same bars.</summary>
    public ulong Seed { get; init; } = 20240101;

    /// <summary>EUR/USD on M1: 7 % volatility, 1.2 pip spread, FX session.</summary>
    public static SyntheticMarketOptions EurUsd(int bars = 100_000, ulong seed = 20240101) => new()
    {
        Instrument = "EUR_USD", Session = TradingSession.Forex, Bars = bars, Seed = seed,
    };

    /// <summary>An S&amp;P 500 index CFD on M1 in <paramref name="session"/>: 4,700 points, 16 % volatility, 0.5 point spread.</summary>
    public static SyntheticMarketOptions Spx500(TradingSession session, int bars = 60_000, ulong seed = 20240102) => new()
    {
        Instrument = "SPX500_USD", Session = session, Bars = bars, Seed = seed,
        InitialPrice = 4700, AnnualVolatility = 0.16, AnnualDrift = 0.06, PipSize = 1, Precision = 1, SpreadPips = 0.5,
        RolloverSpreadMultiplier = 4,
    };
}
