using System.ComponentModel.DataAnnotations;
using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data;

/// <summary>What an instrument is.</summary>
public enum AssetClass
{
    /// <summary>A currency pair.</summary>
    Forex,
    /// <summary>A contract for difference on a stock index.</summary>
    IndexCfd,
    /// <summary>A cash equity or ETF.</summary>
    Equity,
    /// <summary>A metal (spot gold, silver) CFD.</summary>
    Metal,
}

/// <summary><c>config/market_config.yaml</c>: trading sessions and instruments.</summary>
public sealed class MarketOptions : IValidatableOptions
{
    /// <summary>Named sessions that instruments refer to.</summary>
    public Dictionary<string, SessionOptions> Sessions { get; init; } = [];
    /// <summary>Instruments by symbol (OANDA style, e.g. <c>EUR_USD</c>, <c>SPX500_USD</c>).</summary>
    public Dictionary<string, InstrumentOptions> Instruments { get; init; } = [];

    /// <inheritdoc />
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        foreach (var (symbol, instrument) in Instruments)
            if (!Sessions.ContainsKey(instrument.Session))
                yield return ($"instruments.{symbol}.session", $"'{instrument.Session}' is not defined under sessions (defined: {string.Join(", ", Sessions.Keys)})");
    }

    /// <summary>
    /// The configured symbol that <paramref name="name"/> denotes, ignoring case and underscores
    /// (<c>de30eur</c> → <c>DE30_EUR</c>), or null.
    /// </summary>
    public string? FindInstrument(string name)
    {
        static string Key(string s) => s.Replace("_", "").ToUpperInvariant();
        return Instruments.Keys.FirstOrDefault(k => Key(k) == Key(name));
    }

    /// <summary>The contract facts of <paramref name="symbol"/> (matched as <see cref="FindInstrument"/> does); symbols not configured get <see cref="TradableInstrument.FromSymbol"/>.</summary>
    public TradableInstrument InstrumentFor(string symbol)
    {
        if (FindInstrument(symbol) is not { } key) return TradableInstrument.FromSymbol(symbol);
        var o = Instruments[key];
        return new TradableInstrument
        {
            Symbol = key, BaseCurrency = o.BaseCurrency, QuoteCurrency = o.QuoteCurrency, IsForex = o.AssetClass == AssetClass.Forex,
            PipSize = o.PipSize, DisplayPrecision = o.DisplayPrecision, MinimumTradeSize = o.MinimumTradeSize, LotSize = o.LotSize, TypicalSpreadPips = o.TypicalSpreadPips,
            CommissionPerLot = o.CommissionPerLot, CommissionRate = o.CommissionRate, FinancingLongRate = o.FinancingLongRate,
            FinancingShortRate = o.FinancingShortRate, MarginRate = o.MarginRate, Session = o.Session,
        };
    }

    /// <summary>The session an instrument trades in.</summary>
    public TradingSession SessionOf(string symbol) =>
        Instruments.TryGetValue(symbol, out var i) ? Sessions[i.Session].ToSession(i.Session)
        : throw new KeyNotFoundException($"instrument '{symbol}' is not in market_config.yaml (known: {string.Join(", ", Instruments.Keys)})");

    /// <summary>A session by name.</summary>
    public TradingSession Session(string name) => Sessions.TryGetValue(name, out var s) ? s.ToSession(name)
        : throw new KeyNotFoundException($"session '{name}' is not in market_config.yaml (known: {string.Join(", ", Sessions.Keys)})");
}

/// <summary>A weekly trading session in its own zone; see <see cref="TradingSession"/>.</summary>
public sealed class SessionOptions : IValidatableOptions
{
    /// <summary>IANA zone of every time below, e.g. <c>America/New_York</c>.</summary>
    public required string TimeZone { get; init; }
    /// <summary>Weekly open, e.g. <c>Sun 17:00</c>.</summary>
    public required string WeekOpen { get; init; }
    /// <summary>Weekly close, e.g. <c>Fri 17:00</c>.</summary>
    public required string WeekClose { get; init; }
    /// <summary>Daily closed intervals, e.g. <c>17:00-18:00</c>.</summary>
    public List<string> DailyBreaks { get; init; } = [];
    /// <summary>Local time the trading day ends (FX: 17:00). Default 00:00 (midnight).</summary>
    public string DayEnd { get; init; } = "00:00";

    /// <inheritdoc />
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        var problems = new List<(string, string)>();
        Try("time_zone", () => MarketTimeZones.Resolve(TimeZone));
        Try("week_open", () => TradingSession.ParseDayTime(WeekOpen));
        Try("week_close", () => TradingSession.ParseDayTime(WeekClose));
        Try("day_end", () => TradingSession.ParseTime(DayEnd));
        for (int i = 0; i < DailyBreaks.Count; i++) { int k = i; Try($"daily_breaks[{k}]", () => TradingSession.ParseInterval(DailyBreaks[k])); }
        return problems;

        void Try(string key, Func<object> parse)
        {
            try { parse(); }
            catch (Exception e) when (e is FormatException or ArgumentException) { problems.Add((key, e.Message)); }
        }
    }

    /// <summary>Builds the runtime session.</summary>
    public TradingSession ToSession(string name) => new(name, MarketTimeZones.Resolve(TimeZone),
        TradingSession.ParseDayTime(WeekOpen), TradingSession.ParseDayTime(WeekClose),
        DailyBreaks.Select(TradingSession.ParseInterval).ToList(), TradingSession.ParseTime(DayEnd));
}

/// <summary>
/// One tradable instrument. Prices are in the quote currency; a pip is 10^<see cref="PipLocation"/>
/// (EUR_USD −4 → 0.0001, USD_JPY −2, SPX500_USD 0 → one index point); rates are annual fractions
/// (0.02 = 2 % a year); sizes are in units of the base (one unit = one euro of EUR_USD, one index
/// point multiplier of SPX500_USD).
/// </summary>
public sealed class InstrumentOptions
{
    /// <summary>forex, index_cfd, equity or metal.</summary>
    public required AssetClass AssetClass { get; init; }
    /// <summary>Base currency (ISO 4217) or, for CFDs, the underlying's code.</summary>
    public required string BaseCurrency { get; init; }
    /// <summary>The currency prices and P&amp;L are in.</summary>
    public required string QuoteCurrency { get; init; }
    /// <summary>Power of ten of one pip (−4 for EUR_USD).</summary>
    [Range(-10, 4)]
    public required int PipLocation { get; init; }
    /// <summary>Decimal places of a quoted price.</summary>
    [Range(0, 10)]
    public required int DisplayPrecision { get; init; }
    /// <summary>Smallest order size in units.</summary>
    [Range(0.0, 1e9)]
    public double MinimumTradeSize { get; init; } = 1;
    /// <summary>Units in one lot (100,000 for FX; 1 for CFDs).</summary>
    [Range(0.0, 1e9)]
    public double LotSize { get; init; } = 100_000;
    /// <summary>Name of the session under <c>sessions</c>.</summary>
    public required string Session { get; init; }
    /// <summary>Typical bid/ask spread in pips, for single-price data and cost estimates.</summary>
    [Range(0.0, 10_000)]
    public double TypicalSpreadPips { get; init; }
    /// <summary>Commission per lot per side, in the account currency.</summary>
    [Range(0.0, 10_000)]
    public double CommissionPerLot { get; init; }
    /// <summary>Commission as a fraction of notional per side (0.0001 = 1 basis point).</summary>
    [Range(0.0, 0.1)]
    public double CommissionRate { get; init; }
    /// <summary>Annual financing rate paid (negative) or earned (positive) on a long position, as a fraction of notional.</summary>
    [Range(-1.0, 1.0)]
    public double FinancingLongRate { get; init; }
    /// <summary>Annual financing rate on a short position.</summary>
    [Range(-1.0, 1.0)]
    public double FinancingShortRate { get; init; }
    /// <summary>Margin required as a fraction of notional (0.0333 = 30:1 leverage).</summary>
    [Range(0.0, 1.0)]
    public double MarginRate { get; init; } = 0.05;

    /// <summary>The size of one pip in price units.</summary>
    public double PipSize => Math.Pow(10, PipLocation);
}
