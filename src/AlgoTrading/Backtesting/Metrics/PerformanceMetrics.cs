using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Backtesting.Metrics;

/// <summary>
/// Performance of a run, following empyrical's conventions (see docs/models/metrics.md):
/// returns are simple returns of the daily equity curve (equity at the last step of each trading
/// day; for FX the day ends 17:00 New York); volatility uses the sample standard deviation
/// (ddof = 1); annualisation uses <see cref="BacktestOptions.PeriodsPerYear"/> (260 FX, 252 equities and
/// indices); the risk-free rate is 0. Ratios with a zero denominator are NaN, not infinity.
/// </summary>
public sealed record PerformanceMetrics
{
    /// <summary>Final / initial equity − 1.</summary>
    public required double TotalReturn { get; init; }
    /// <summary>Compound annual growth: (1 + total)^(periods per year / days) − 1.</summary>
    public required double Cagr { get; init; }
    /// <summary>Sample std of daily returns × sqrt(periods per year).</summary>
    public required double AnnualVolatility { get; init; }
    /// <summary>Mean daily return / sample std × sqrt(periods per year).</summary>
    public required double Sharpe { get; init; }
    /// <summary>Mean daily return / downside deviation × sqrt(periods per year); downside deviation = sqrt(mean(min(r, 0)²)).</summary>
    public required double Sortino { get; init; }
    /// <summary>CAGR / |max drawdown|.</summary>
    public required double Calmar { get; init; }
    /// <summary>Largest fall from a peak, as a negative fraction (−0.12 = 12 %), on every equity point.</summary>
    public required double MaxDrawdown { get; init; }
    /// <summary>Longest drawdown: from a peak to the recovery of that peak (or to the end if not recovered); zero without a drawdown.</summary>
    public required TimeSpan MaxDrawdownDuration { get; init; }
    /// <summary>Time from the deepest trough back to its previous peak; null when not recovered.</summary>
    public required TimeSpan? TimeToRecover { get; init; }
    /// <summary>Winning trades / trades.</summary>
    public required double WinRate { get; init; }
    /// <summary>Gross profit of winners / gross loss of losers (net P&amp;L).</summary>
    public required double ProfitFactor { get; init; }
    /// <summary>Mean net P&amp;L per trade (account currency).</summary>
    public required double Expectancy { get; init; }
    /// <summary>Mean net P&amp;L of winners.</summary>
    public required double AverageWin { get; init; }
    /// <summary>Mean net P&amp;L of losers (negative).</summary>
    public required double AverageLoss { get; init; }
    /// <summary>Payoff ratio: mean win / |mean loss|.</summary>
    public required double Payoff { get; init; }
    /// <summary>Fraction of bars with a position open.</summary>
    public required double Exposure { get; init; }
    /// <summary>Traded notional / mean equity, per year.</summary>
    public required double Turnover { get; init; }
    /// <summary>Closed trades.</summary>
    public required int Trades { get; init; }
    /// <summary>Equity at the end.</summary>
    public required double FinalEquity { get; init; }
    /// <summary>Costs paid by kind (account currency): spread, commission, slippage, financing.</summary>
    public required IReadOnlyDictionary<string, double> Costs { get; init; }

    /// <summary>Computes the metrics of <paramref name="result"/>.</summary>
    public static PerformanceMetrics From(BacktestResult result)
    {
        var (_, returns) = DailyReturns(result.EquityTime.Span, result.Equity, result.Options.InitialCash);
        // One pass over the trades: reading a logged trade builds its record.
        var trades = result.Trades;
        var pnl = new double[trades.Count];
        var costs = new Costs[trades.Count];
        for (int i = 0; i < pnl.Length; i++)
        {
            var t = trades[i];
            (pnl[i], costs[i]) = (t.Pnl, t.Costs);
        }
        return Compute(returns, result.EquityTime.Span, result.Equity, result.Options.InitialCash, result.Options.PeriodsPerYear,
            pnl, result.Exposure, result.TradedNotional, costs);
    }

    /// <summary>The metrics of a daily return series and an equity curve (the formulas, separated for testing).</summary>
    public static PerformanceMetrics Compute(double[] dailyReturns, ReadOnlySpan<long> equityTime, double[] equity, double initial, int periodsPerYear,
        double[] tradePnl, double exposure = 0, double notional = 0, Domain.Costs[]? costs = null)
    {
        double final = equity.Length > 0 ? equity[^1] : initial;
        double total = final / initial - 1;
        int n = dailyReturns.Length;
        // Plain loops, each summing in array order as Enumerable.Sum and Average do (the same doubles): the generic LINQ
        // over a million equity points ran as unoptimised code in a one-shot command.
        double mean = n > 0 ? SumOf(dailyReturns) / n : double.NaN;
        double squares = 0, downsideSquares = 0;
        foreach (double r in dailyReturns)
        {
            squares += (r - mean) * (r - mean);
            downsideSquares += Math.Min(r, 0) * Math.Min(r, 0);
        }
        double std = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
        double downside = n > 0 ? Math.Sqrt(downsideSquares / n) : double.NaN;
        double years = n / (double)periodsPerYear;
        double cagr = n > 0 ? Math.Pow(1 + total, 1 / years) - 1 : double.NaN;
        var (maxDd, duration, recover) = Drawdown(equityTime, equity, initial);
        int winCount = 0, lossCount = 0;
        double winSum = 0, lossSum = 0;
        foreach (double p in tradePnl)
        {
            if (p > 0) { winCount++; winSum += p; }
            else if (p < 0) { lossCount++; lossSum += p; }
        }
        double meanEquity = equity.Length > 0 ? SumOf(equity) / equity.Length : initial;
        double spanYears = equityTime.Length > 1 ? (equityTime[^1] - equityTime[0]) / (365.25 * TimeSpan.TicksPerDay) : double.NaN;
        costs ??= [];
        double spread = 0, commission = 0, slippage = 0, financing = 0;
        foreach (var c in costs) { spread += c.Spread; commission += c.Commission; slippage += c.Slippage; financing += c.Financing; }
        double averageWin = winCount > 0 ? winSum / winCount : double.NaN, averageLoss = lossCount > 0 ? lossSum / lossCount : double.NaN;
        return new PerformanceMetrics
        {
            TotalReturn = total, Cagr = cagr,
            AnnualVolatility = std * Math.Sqrt(periodsPerYear),
            Sharpe = Ratio(mean, std) * Math.Sqrt(periodsPerYear),
            Sortino = Ratio(mean, downside) * Math.Sqrt(periodsPerYear),
            Calmar = Ratio(cagr, Math.Abs(maxDd)),
            MaxDrawdown = maxDd, MaxDrawdownDuration = duration, TimeToRecover = recover,
            WinRate = tradePnl.Length > 0 ? winCount / (double)tradePnl.Length : double.NaN,
            ProfitFactor = Ratio(winSum, -lossSum),
            Expectancy = tradePnl.Length > 0 ? SumOf(tradePnl) / tradePnl.Length : double.NaN,
            AverageWin = averageWin,
            AverageLoss = averageLoss,
            Payoff = winCount > 0 && lossCount > 0 ? averageWin / Math.Abs(averageLoss) : double.NaN,
            Exposure = exposure,
            Turnover = spanYears > 0 ? notional / meanEquity / spanYears : double.NaN,
            Trades = tradePnl.Length, FinalEquity = final,
            Costs = new Dictionary<string, double>
            {
                ["spread"] = spread, ["commission"] = commission, ["slippage"] = slippage, ["financing"] = financing,
            },
        };
    }

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;

    private static double SumOf(double[] values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum;
    }

    /// <summary>Equity at the end of each FX trading day (17:00 New York), starting with the initial cash.</summary>
    public static double[] DailyEquity(ReadOnlySpan<long> time, double[] equity, double initial)
    {
        var ends = DayEnds(time);
        var result = new double[ends.Length + 1];
        result[0] = initial;
        for (int d = 0; d < ends.Length; d++) result[d + 1] = equity[ends[d]];
        return result;
    }

    /// <summary>
    /// Daily simple returns (the series every ratio here is computed on) and the time step that closes each
    /// day: return d is equity at step <c>Time[d]</c> / the previous day's closing equity (the initial cash for the first) − 1.
    /// </summary>
    public static (long[] Time, double[] Returns) DailyReturns(ReadOnlySpan<long> time, double[] equity, double initial)
    {
        var ends = DayEnds(time);
        var t = new long[ends.Length];
        var r = new double[ends.Length];
        double previous = initial;
        for (int d = 0; d < ends.Length; d++)
        {
            t[d] = time[ends[d]];
            r[d] = equity[ends[d]] / previous - 1;
            previous = equity[ends[d]];
        }
        return (t, r);
    }

    /// <summary>Indices of the last step of each FX trading day (the day ends 17:00 New York).</summary>
    private static int[] DayEnds(ReadOnlySpan<long> time)
    {
        var days = new BarAligner(Domain.BarPeriod.D1, TradingSession.Forex);
        var result = new List<int>();
        for (int i = 0; i < time.Length; i++)
            if (i == time.Length - 1 || days.StartOf(time[i + 1]) != days.StartOf(time[i])) result.Add(i);
        return [.. result];
    }

    // The drawdown periods are Drawdowns' (the tearsheet's table): the deepest gives the depth and the
    // recovery time, the longest the duration.
    private static (double Depth, TimeSpan Duration, TimeSpan? Recover) Drawdown(ReadOnlySpan<long> time, double[] equity, double initial)
    {
        if (Drawdowns.DeepestAndLongest(time, equity, initial) is not var (deepest, longest)) return (0, TimeSpan.Zero, null);
        return (deepest.Depth, longest, deepest.Recovery - deepest.Trough);
    }
}
