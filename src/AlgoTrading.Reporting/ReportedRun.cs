using AlgoTrading.Backtesting;
using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Time;

namespace AlgoTrading.Reporting;

/// <summary>A working order's price level (a stop or limit entry), for the candle chart.</summary>
/// <param name="Time">Creation bar start (UTC).</param>
/// <param name="Price">Stop or limit price.</param>
/// <param name="Type">Stop or limit.</param>
public readonly record struct OrderLevel(DateTime Time, double Price, OrderType Type);

/// <summary>
/// What the report and the output files read from a run, taken from <see cref="BacktestResult"/> in this one
/// place (the engine's result types may change; only the <c>From</c> methods follow them), together with the
/// traded bars, the instrument's session and the buy-and-hold benchmark with the same costs.
/// </summary>
public sealed class ReportedRun
{
    /// <summary>Equity time steps (UTC ticks).</summary>
    public required long[] Time { get; init; }
    /// <summary>Equity at each step, account currency.</summary>
    public required double[] Equity { get; init; }
    /// <summary>Starting cash.</summary>
    public required double InitialCash { get; init; }
    /// <summary>Periods per year for annualised figures.</summary>
    public required int PeriodsPerYear { get; init; }
    /// <summary>Closed trades in exit order.</summary>
    public required IReadOnlyList<TradeRecord> Trades { get; init; }
    /// <summary>Stop and limit entry orders' price levels.</summary>
    public required IReadOnlyList<OrderLevel> OrderLevels { get; init; }
    /// <summary>The run's metrics.</summary>
    public required PerformanceMetrics Metrics { get; init; }
    /// <summary>The traded instrument's bars.</summary>
    public required BarSeries Bars { get; init; }
    /// <summary>The traded instrument's trading session (for the candle chart's range breaks).</summary>
    public required TradingSession Session { get; init; }
    /// <summary>Buy-and-hold equity time steps (the traded instrument's bar starts, UTC ticks).</summary>
    public required long[] BenchmarkTime { get; init; }
    /// <summary>Buy-and-hold equity, account currency.</summary>
    public required double[] BenchmarkEquity { get; init; }
    /// <summary>Buy-and-hold metrics (its trade statistics are empty).</summary>
    public required PerformanceMetrics BenchmarkMetrics { get; init; }

    /// <summary>Reads <paramref name="result"/> of a run on <paramref name="bars"/> of <paramref name="instrument"/>, trading in <paramref name="session"/>.</summary>
    public static ReportedRun From(BacktestResult result, BarSeries bars, TradableInstrument instrument, TradingSession session) =>
        From(result, bars, session, Benchmark.Of(bars, instrument, result.Options));

    /// <summary>
    /// Buy-and-hold of the traded instrument with the run's costs: it needs only the bars and the options, so
    /// <see cref="BacktestJob"/> computes it on another core while the engine runs.
    /// </summary>
    internal sealed record Benchmark(long[] Time, double[] Equity, PerformanceMetrics Metrics)
    {
        public static Benchmark Of(BarSeries bars, TradableInstrument instrument, BacktestOptions options)
        {
            var (time, equity) = BuyAndHold.Curve(bars, instrument, options);
            var (_, returns) = PerformanceMetrics.DailyReturns(time, equity, options.InitialCash);
            return new Benchmark(time, equity, PerformanceMetrics.Compute(returns, time, equity, options.InitialCash, options.PeriodsPerYear, []));
        }
    }

    internal static ReportedRun From(BacktestResult result, BarSeries bars, TradingSession session, Benchmark benchmark)
    {
        var options = result.Options;
        var trades = result.Trades.ToArray();
        var levels = new List<OrderLevel>();
        foreach (var order in result.Orders)
            if (order is { Type: not OrderType.Market, Price: { } price } && order.Instrument == bars.Instrument)
                levels.Add(new OrderLevel(new DateTime(order.CreatedUtcTicks, DateTimeKind.Utc), price, order.Type));
        return new ReportedRun
        {
            Time = result.EquityTime.ToArray(), Equity = result.Equity, InitialCash = options.InitialCash, PeriodsPerYear = options.PeriodsPerYear,
            Trades = trades, OrderLevels = levels, Metrics = result.Metrics(), Bars = bars, Session = session,
            BenchmarkTime = benchmark.Time, BenchmarkEquity = benchmark.Equity, BenchmarkMetrics = benchmark.Metrics,
        };
    }
}
