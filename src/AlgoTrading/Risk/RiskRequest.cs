using AlgoTrading.Domain;

namespace AlgoTrading.Risk;

/// <summary>
/// One intended position change, as the risk chain sees it: the instrument's facts, its filled and
/// working units, the target, the stop distance, the time, the account and (for the exposure rules) the
/// exposure snapshot the caller filled. Only snapshots: the chain never sees a portfolio or an engine.
/// Facts a caller leaves unset (NaN prices, <see cref="long.MinValue"/> times, null currencies or exposure)
/// make the rules that need them refuse entries with a reason naming what is missing; rules that do not
/// need them are unaffected.
/// </summary>
public readonly record struct RiskRequest
{
    /// <summary>A request with the facts every rule may need; set the others with <c>with { … }</c> or object initialisers.</summary>
    /// <param name="instrument">Symbol, pip size, quote-to-account rate now, minimum size.</param>
    /// <param name="currentUnits">Signed filled position now.</param>
    /// <param name="targetUnits">Signed position the strategy wants (filled and working together).</param>
    /// <param name="stopDistance">Stop-loss distance in price units (NaN: none).</param>
    /// <param name="portfolio">The account (equity, peak, day start, open positions).</param>
    public RiskRequest(in InstrumentContext instrument, double currentUnits, double targetUnits, double stopDistance, in PortfolioSnapshot portfolio)
    {
        Instrument = instrument;
        CurrentUnits = currentUnits;
        TargetUnits = targetUnits;
        StopDistance = stopDistance;
        Portfolio = portfolio;
    }

    /// <summary>Symbol, pip size, quote-to-account rate now, minimum size.</summary>
    public InstrumentContext Instrument { get; init; }
    /// <summary>Signed filled position now, in base units.</summary>
    public double CurrentUnits { get; init; }
    /// <summary>Signed units of the instrument's working order not yet filled (0 when none); the change replaces it.</summary>
    public double WorkingUnits { get; init; }
    /// <summary>Signed position the strategy wants, in base units.</summary>
    public double TargetUnits { get; init; }
    /// <summary>Stop-loss distance in price units (NaN: none).</summary>
    public double StopDistance { get; init; }
    /// <summary>The account as of this decision.</summary>
    public PortfolioSnapshot Portfolio { get; init; }

    /// <summary>The strategy asking (for per-strategy limits and to find its own exposure entry).</summary>
    public string? Strategy { get; init; }
    /// <summary>Base currency or index underlying (<c>EUR</c> of EUR_USD).</summary>
    public string? BaseCurrency { get; init; }
    /// <summary>Quote currency (<c>USD</c> of EUR_USD).</summary>
    public string? QuoteCurrency { get; init; }
    /// <summary>Mid price now, quote currency per base unit (NaN: unknown).</summary>
    public double Price { get; init; } = double.NaN;
    /// <summary>Margin as a fraction of notional (NaN: unknown).</summary>
    public double MarginRate { get; init; } = double.NaN;
    /// <summary>Decision time, UTC ticks (<see cref="long.MinValue"/>: unknown).</summary>
    public long Time { get; init; } = long.MinValue;
    /// <summary>Time of the latest price of the instrument, UTC ticks (<see cref="long.MinValue"/>: unknown).</summary>
    public long PriceTime { get; init; } = long.MinValue;
    /// <summary>Every instrument's filled and working exposure (the one under review included; its entry is replaced by the target).</summary>
    public ExposureSnapshot? Exposure { get; init; }

    /// <summary>A request for <paramref name="instrument"/> with its currencies and margin rate taken from the contract.</summary>
    public static RiskRequest For(TradableInstrument instrument, in InstrumentContext context, double currentUnits, double workingUnits, double targetUnits,
        double stopDistance, in PortfolioSnapshot portfolio) =>
        new(context, currentUnits, targetUnits, stopDistance, portfolio)
        {
            WorkingUnits = workingUnits, BaseCurrency = instrument.BaseCurrency, QuoteCurrency = instrument.QuoteCurrency, MarginRate = instrument.MarginRate,
        };

    /// <summary>Account-currency value of one base unit now (price times the quote-to-account rate; NaN when unknown).</summary>
    public double UnitValue => Price * Instrument.QuoteToAccount;
}
