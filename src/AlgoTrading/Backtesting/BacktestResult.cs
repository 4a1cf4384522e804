using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Domain;
using AlgoTrading.Risk;

namespace AlgoTrading.Backtesting;

/// <summary>
/// Everything a run produced. The equity curve has one point per time step (after every bar with
/// that start time was processed), in the account currency, marked at the prices positions could
/// be closed at. Final equity marks open positions at the last close.
/// </summary>
public sealed record BacktestResult
{
    /// <summary>Closed trades in exit order.</summary>
    public required IReadOnlyList<TradeRecord> Trades { get; init; }
    /// <summary>Time steps (bar starts, UTC ticks), read-only: with one feed, the bar series' own time column (not copied).</summary>
    public required ReadOnlyMemory<long> EquityTime { get; init; }
    /// <summary>Equity at each step.</summary>
    public required double[] Equity { get; init; }
    /// <summary>Every order the run created, with its final status (filled, cancelled when replaced, rejected by risk, or still pending at the end).</summary>
    public required IReadOnlyList<Execution.Orders.OrderRecord> Orders { get; init; }
    /// <summary>Resized and refused orders.</summary>
    public required IReadOnlyList<RiskEvent> RiskEvents { get; init; }
    /// <summary>Positions still open at the end (instrument → signed units).</summary>
    public required IReadOnlyDictionary<string, double> OpenPositions { get; init; }
    /// <summary>Bars during which a position was open, over all bars of traded instruments.</summary>
    public required double Exposure { get; init; }
    /// <summary>Traded notional in the account currency (both sides).</summary>
    public required double TradedNotional { get; init; }
    /// <summary>Equity at the end.</summary>
    public double FinalEquity => Equity.Length > 0 ? Equity[^1] : Options.InitialCash;
    /// <summary>The settings of the run.</summary>
    public required BacktestOptions Options { get; init; }

    /// <summary>Performance metrics of this run.</summary>
    public PerformanceMetrics Metrics() => PerformanceMetrics.From(this);
}
