using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Data.Synthetic;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The metrics, drawdown table and curve thinning compute with plain loops and a partial selection (the backtest
/// command's write phase); each must give exactly what the straightforward LINQ formulation gives, ties and all.
/// </summary>
public class MetricsWithoutLinqTests
{
    // A minute curve on a coarse grid (whole currency units), so that many drawdowns share a depth and a peak time.
    private static (long[] Time, double[] Equity) Curve(int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var time = new long[n];
        var equity = new double[n];
        double e = 1000;
        for (int i = 0; i < n; i++)
        {
            e = Math.Max(1, e + Math.Round(3 * rng.NextGaussian() + 0.4)); // drifting up: many new highs, many drawdowns
            equity[i] = e;
            time[i] = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks + i * TimeSpan.TicksPerMinute;
        }
        return (time, equity);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Worst_drawdowns_are_the_stable_sort_of_every_drawdown(ulong seed)
    {
        var (time, equity) = Curve(20_000, seed);
        var all = Drawdowns.Worst(time, equity, 1000, int.MaxValue);
        Assert.True(all.Count > 500, $"{all.Count} drawdowns");
        Assert.True(all.GroupBy(p => p.Depth).Any(g => g.Count() > 1), "no tied depths: the test would not see the tie order");
        // The reference: every period in time order (by peak index), then OrderBy(Depth).ThenBy(Peak), which is stable.
        var reference = all.OrderBy(p => p.PeakIndex).ThenBy(p => p.TroughIndex).OrderBy(p => p.Depth).ThenBy(p => p.Peak).ToArray();
        Assert.Equal(reference, all);
        foreach (int k in new[] { 0, 1, 2, 5, 37, all.Count - 1, all.Count, all.Count + 3 })
            Assert.Equal(reference.Take(k), Drawdowns.Worst(time, equity, 1000, k));
    }

    [Fact]
    public void Worst_drawdowns_break_full_ties_by_time_order()
    {
        // The initial cash (peak index -1) and the first step share the peak time; both falls are 10 %.
        long[] t = [.. Enumerable.Range(0, 4).Select(i => new DateTime(2024, 1, 1, 0, i, 0, DateTimeKind.Utc).Ticks)];
        var worst = Drawdowns.Worst(t, [90, 100, 90, 100], 100, 1);
        Assert.Equal(-1, Assert.Single(worst).PeakIndex);
        Assert.Equal([-1, 1], Drawdowns.Worst(t, [90, 100, 90, 100], 100, 2).Select(p => p.PeakIndex));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Metrics_equal_the_linq_formulas_bit_for_bit(ulong seed)
    {
        var (time, equity) = Curve(50_000, seed);
        var rng = new SplitMix64(seed + 100);
        var returns = Enumerable.Range(0, 300).Select(_ => 0.01 * rng.NextGaussian()).ToArray();
        var pnl = Enumerable.Range(0, 400).Select(i => i % 17 == 0 ? 0 : 50 * rng.NextGaussian()).ToArray();
        var costs = Enumerable.Range(0, 400).Select(_ => new Costs(rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble() - 0.5)).ToArray();
        var m = PerformanceMetrics.Compute(returns, time, equity, 1000, 260, pnl, 0.4, 3e6, costs);

        double mean = returns.Average();
        double std = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1));
        double downside = Math.Sqrt(returns.Sum(r => Math.Min(r, 0) * Math.Min(r, 0)) / returns.Length);
        var wins = pnl.Where(p => p > 0).ToArray();
        var losses = pnl.Where(p => p < 0).ToArray();
        var periods = Drawdowns.Worst(time, equity, 1000, int.MaxValue);
        double years = (time[^1] - time[0]) / (365.25 * TimeSpan.TicksPerDay);
        Assert.Equal(std * Math.Sqrt(260), m.AnnualVolatility);
        Assert.Equal(mean / std * Math.Sqrt(260), m.Sharpe);
        Assert.Equal(mean / downside * Math.Sqrt(260), m.Sortino);
        Assert.Equal((wins.Length / 400.0, wins.Sum() / -losses.Sum(), pnl.Average()), (m.WinRate, m.ProfitFactor, m.Expectancy));
        Assert.Equal((wins.Average(), losses.Average(), wins.Average() / Math.Abs(losses.Average())), (m.AverageWin, m.AverageLoss, m.Payoff));
        Assert.Equal(3e6 / equity.Average() / years, m.Turnover);
        Assert.Equal((periods[0].Depth, periods.Max(p => p.Length), periods[0].Recovery - periods[0].Trough), (m.MaxDrawdown, m.MaxDrawdownDuration, m.TimeToRecover));
        Assert.Equal(costs.Sum(c => c.Spread), m.Costs["spread"]);
        Assert.Equal(costs.Sum(c => c.Commission), m.Costs["commission"]);
        Assert.Equal(costs.Sum(c => c.Slippage), m.Costs["slippage"]);
        Assert.Equal(costs.Sum(c => c.Financing), m.Costs["financing"]);
    }

    [Fact]
    public void Thinning_merges_the_kept_indices_like_a_sorted_set()
    {
        var (_, equity) = Curve(30_011, 6);
        var values = equity.Select(e => e).ToArray();
        int[] keep = [29_999, -1, 5, 5, 12_345, 0, 30_010, 17];
        var picked = ExtremaDownsampler.ByCount(values, 400);
        var reference = new SortedSet<int>(picked);
        foreach (int k in keep) if (k >= 0) reference.Add(k);
        Assert.Equal(reference, ExtremaDownsampler.ByCount(values, 400, keep));
        Assert.Equal(picked, ExtremaDownsampler.ByCount(values, 400, [-3]));
    }
}
