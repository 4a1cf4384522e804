using System.ComponentModel.DataAnnotations;
using AlgoTrading.Backtesting;
using AlgoTrading.Configuration;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Simulation;
using AlgoTrading.Risk;

namespace AlgoTrading.Configuration;

/// <summary>
/// A backtest described in YAML (<c>algotrading backtest --config run.yaml</c>); command-line options
/// given as well take precedence. Example:
/// <code>
/// strategy: sma-cross
/// params: { fast: 10, slow: 30, mode: longshort, stop: 30, take: 60 }
/// units: 10000
/// costs: config
/// slippage_pips: 0.2
/// same_bar_exits: worse_first
/// risk: { max_units: 50000, max_drawdown: 0.2 }
/// </code>
/// </summary>
public sealed class BacktestConfigFile : IValidatableOptions
{
    /// <summary>Strategy name.</summary>
    public string? Strategy { get; init; }
    /// <summary>Strategy parameters (see <see cref="Strategies.StrategyFactory"/>).</summary>
    public Dictionary<string, string> Params { get; init; } = [];
    /// <summary>Fixed position size.</summary>
    [Range(0.0, 1e12)]
    public double? Units { get; init; }
    /// <summary>Starting cash.</summary>
    [Range(0.0, 1e15)]
    public double? Cash { get; init; }
    /// <summary>none or config.</summary>
    public string? Costs { get; init; }
    /// <summary>Slippage per fill in pips.</summary>
    [Range(0.0, 1000)]
    public double SlippagePips { get; init; }
    /// <summary>Slippage per fill as a fraction of ATR(14).</summary>
    [Range(0.0, 10)]
    public double SlippageAtrFraction { get; init; }
    /// <summary>worse_first (default) or better_first.</summary>
    public SameBarExitOrder SameBarExits { get; init; } = SameBarExitOrder.WorseFirst;
    /// <summary>Risk limits.</summary>
    public RiskSection Risk { get; init; } = new();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Costs is not (null or "none" or "config")) yield return ("costs", $"'{Costs}' is not none or config");
    }

    /// <summary>The risk limits as YAML spells them.</summary>
    public sealed class RiskSection
    {
        /// <summary>See <see cref="RiskLimits.MaxUnits"/>.</summary>
        [Range(0.0, 1e12)] public double? MaxUnits { get; init; }
        /// <summary>See <see cref="RiskLimits.MaxRiskPerTrade"/>.</summary>
        [Range(0.0, 1.0)] public double? MaxRiskPerTrade { get; init; }
        /// <summary>See <see cref="RiskLimits.MaxOpenPositions"/>.</summary>
        [Range(0, 10_000)] public int? MaxOpenPositions { get; init; }
        /// <summary>See <see cref="RiskLimits.MaxDailyLoss"/>.</summary>
        [Range(0.0, 1.0)] public double? MaxDailyLoss { get; init; }
        /// <summary>See <see cref="RiskLimits.MaxDrawdown"/>.</summary>
        [Range(0.0, 1.0)] public double? MaxDrawdown { get; init; }

        /// <summary>The limits.</summary>
        public RiskLimits ToLimits() => new() { MaxUnits = MaxUnits, MaxRiskPerTrade = MaxRiskPerTrade, MaxOpenPositions = MaxOpenPositions, MaxDailyLoss = MaxDailyLoss, MaxDrawdown = MaxDrawdown };
    }
}
