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
/// risk: { max_units: 50000, max_drawdown: 0.2, max_currency_exposure: 3, correlation_buckets: { usd_majors: { instruments: [EUR_USD, GBP_USD], max_leverage: 4 } } }
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
    /// <summary>Risk limits: the <see cref="RiskLimits"/> options bound as they are (snake_case keys, ranges on the properties), so a new limit needs no code here.</summary>
    public RiskLimits Risk { get; init; } = new();

    /// <inheritdoc />
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Costs is not (null or "none" or "config")) yield return ("costs", $"'{Costs}' is not none or config");
    }
}
