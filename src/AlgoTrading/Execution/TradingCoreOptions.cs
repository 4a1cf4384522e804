using AlgoTrading.Risk;
using AlgoTrading.Time;

namespace AlgoTrading.Execution;

/// <summary>The account and risk settings of a <see cref="TradingCore"/>, the same for a backtest and a live run.</summary>
public sealed record TradingCoreOptions
{
    /// <summary>The default of <see cref="InitialCash"/>.</summary>
    public const double DefaultInitialCash = 100_000;
    /// <summary>Starting cash in the account currency. Default 100,000.</summary>
    public double InitialCash { get; init; } = DefaultInitialCash;
    /// <summary>The default of <see cref="AccountCurrency"/>.</summary>
    public const string DefaultAccountCurrency = "USD";
    /// <summary>ISO code of the account currency. Default USD.</summary>
    public string AccountCurrency { get; init; } = DefaultAccountCurrency;
    /// <summary>Charge overnight financing from the instrument's rates. Default true.</summary>
    public bool ChargeFinancing { get; init; } = true;
    /// <summary>The default of <see cref="StopOutLevel"/>.</summary>
    public const double DefaultStopOutLevel = 0.5;
    /// <summary>Positions are closed at the next open when equity falls below this fraction of the margin used. Default 0.5.</summary>
    public double StopOutLevel { get; init; } = DefaultStopOutLevel;
    /// <summary>The session whose day end starts a new risk day (daily loss limit): the traded instrument's session from market_config.yaml. Default FX (17:00 New York).</summary>
    public TradingSession? TradingDay { get; init; }
    /// <summary>Risk limits. Default none.</summary>
    public RiskLimits Risk { get; init; } = new();
    /// <summary>Strategy decisions before this bar start (UTC ticks) are not acted on: the bars before it only warm the strategy up (walk-forward test windows).</summary>
    public long TradeFrom { get; init; } = long.MinValue;
}
