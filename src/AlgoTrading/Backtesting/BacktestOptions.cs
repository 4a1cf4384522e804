using AlgoTrading.Domain;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Risk;
using AlgoTrading.Time;

namespace AlgoTrading.Backtesting;

/// <summary>
/// Settings of a backtest: the trading core's account and risk settings (<see cref="TradingCoreOptions"/>,
/// whose defaults these share) plus how the simulated client fills (<see cref="SimulationOptions"/>). With <see cref="ApplyCosts"/> false and a single price source the run
/// trades that one series with no spread, commission, slippage or financing, so it compares with
/// backtesters that trade one price.
/// </summary>
public sealed record BacktestOptions
{
    /// <summary>The default of <see cref="InitialCash"/>.</summary>
    public const double DefaultInitialCash = TradingCoreOptions.DefaultInitialCash;
    /// <summary>Starting cash in the account currency. Default 100,000.</summary>
    public double InitialCash { get; init; } = DefaultInitialCash;
    /// <summary>ISO code of the account currency. Default USD.</summary>
    public string AccountCurrency { get; init; } = TradingCoreOptions.DefaultAccountCurrency;
    /// <summary>Which prices to trade: bid/ask (quote bars, default <see cref="PriceSource.Mid"/> means "both sides"), or one price.</summary>
    public PriceSource Price { get; init; } = PriceSource.Mid;
    /// <summary>Whether quote bars are traded at their real bid and ask (true) or at <see cref="Price"/> alone.</summary>
    public bool UseBidAsk { get; init; } = true;
    /// <summary>Charge spread (single-price data), commission, slippage and financing from the instrument. Default true.</summary>
    public bool ApplyCosts { get; init; } = true;
    /// <summary>Slippage per fill in pips (adverse). Default 0.</summary>
    public double SlippagePips { get; init; }
    /// <summary>Slippage per fill as a fraction of ATR(14) (adverse). Default 0.</summary>
    public double SlippageAtrFraction { get; init; }
    /// <summary>Stop-loss or take-profit first when a bar reaches both. Default worse first.</summary>
    public SameBarExitOrder SameBarExits { get; init; } = SameBarExitOrder.WorseFirst;
    /// <summary>Positions are closed at the next open when equity falls below this fraction of the margin used. Default 0.5.</summary>
    public double StopOutLevel { get; init; } = TradingCoreOptions.DefaultStopOutLevel;
    /// <summary>The session whose day end starts a new risk day (daily loss limit): the traded instrument's session from market_config.yaml. Default FX (17:00 New York).</summary>
    public TradingSession? TradingDay { get; init; }
    /// <summary>Risk limits. Default none.</summary>
    public RiskLimits Risk { get; init; } = new();
    /// <summary>Strategy decisions before this bar start (UTC ticks) are ignored: the bars before it only warm the indicators up (walk-forward test windows).</summary>
    public long TradeFrom { get; init; } = long.MinValue;
    /// <summary>Periods per year for annualised metrics: 260 for FX (default), 252 for equities and indices.</summary>
    public int PeriodsPerYear { get; init; } = 260;

    /// <summary>The account and risk settings the trading core runs with.</summary>
    internal TradingCoreOptions Core() => new()
    {
        InitialCash = InitialCash, AccountCurrency = AccountCurrency, ChargeFinancing = ApplyCosts, StopOutLevel = StopOutLevel,
        TradingDay = TradingDay, Risk = Risk, TradeFrom = TradeFrom,
    };

    /// <summary>How the simulated client fills: the same rules the paper broker uses.</summary>
    internal SimulationOptions Simulation() => new()
    {
        SameBarExits = SameBarExits, ApplyCosts = ApplyCosts, SlippagePips = SlippagePips, SlippageAtrFraction = SlippageAtrFraction,
    };
}
