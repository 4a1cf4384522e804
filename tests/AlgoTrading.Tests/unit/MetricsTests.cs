using AlgoTrading.Backtesting.Metrics;

namespace AlgoTrading.Tests.Unit;

/// <summary>Every metric on curves short enough to work out by hand (empyrical conventions, 252 periods a year here).</summary>
public class MetricsTests
{
    private static readonly long[] Days = Enumerable.Range(0, 4).Select(i => new DateTime(2024, 1, 2 + i, 12, 0, 0, DateTimeKind.Utc).Ticks).ToArray();

    [Fact]
    public void Return_volatility_sharpe_sortino_by_hand()
    {
        // Equity 100 -> 110 -> 99 -> 108.9: daily returns +10 %, −10 %, +10 %.
        double[] equity = [110, 99, 108.9];
        double[] r = [0.10, -0.10, 0.10];
        var m = PerformanceMetrics.Compute(r, Days[..3], equity, 100, 252, [10, -11, 9.9]);
        Assert.Equal(0.089, m.TotalReturn, 12);
        double mean = 0.1 / 3, std = Math.Sqrt(((0.1 - mean) * (0.1 - mean) * 2 + (-0.1 - mean) * (-0.1 - mean)) / 2); // ddof = 1
        Assert.Equal(std * Math.Sqrt(252), m.AnnualVolatility, 12);
        Assert.Equal(mean / std * Math.Sqrt(252), m.Sharpe, 12);
        double downside = Math.Sqrt(0.01 / 3); // only −10 % counts, averaged over all three days
        Assert.Equal(mean / downside * Math.Sqrt(252), m.Sortino, 12);
        Assert.Equal(Math.Pow(1.089, 252.0 / 3) - 1, m.Cagr, 6);
    }

    [Fact]
    public void Drawdown_depth_duration_and_recovery()
    {
        // Peak 110 on day 0, trough 99 on day 1 (−10 %), back above 110 on day 3.
        double[] equity = [110, 99, 105, 111];
        var m = PerformanceMetrics.Compute([0.1, -0.1, 0.0606, 0.0571], Days, equity, 100, 252, []);
        Assert.Equal(99.0 / 110 - 1, m.MaxDrawdown, 12);
        Assert.Equal(TimeSpan.FromDays(2), m.TimeToRecover);
        Assert.Equal(TimeSpan.FromDays(3), m.MaxDrawdownDuration);
        Assert.Equal(m.Cagr / (1 - 99.0 / 110), m.Calmar, 9);
    }

    [Fact]
    public void Trade_statistics_by_hand()
    {
        var m = PerformanceMetrics.Compute([0.01], Days[..1], [101], 100, 260, [30, -10, 20, -20]);
        Assert.Equal(0.5, m.WinRate);
        Assert.Equal(50.0 / 30, m.ProfitFactor, 12);
        Assert.Equal(5, m.Expectancy);
        Assert.Equal(25, m.AverageWin);
        Assert.Equal(-15, m.AverageLoss);
        Assert.Equal(4, m.Trades);
    }

    [Fact]
    public void Undefined_ratios_are_NaN_not_infinite()
    {
        var m = PerformanceMetrics.Compute([0.0, 0.0], Days[..2], [100, 100], 100, 252, [5]);
        Assert.True(double.IsNaN(m.Sharpe));
        Assert.True(double.IsNaN(m.ProfitFactor)); // no losing trade
        Assert.Equal(0, m.MaxDrawdown);
    }

    [Fact]
    public void Daily_equity_takes_the_last_point_of_each_fx_trading_day()
    {
        // 21:00 and 21:59 UTC belong to the day ending 22:00 UTC (17:00 EST); 22:00 starts the next.
        long[] t = [new DateTime(2024, 1, 3, 21, 0, 0).Ticks, new DateTime(2024, 1, 3, 21, 59, 0).Ticks, new DateTime(2024, 1, 3, 22, 0, 0).Ticks];
        Assert.Equal([100.0, 102, 103], PerformanceMetrics.DailyEquity(t, [101, 102, 103], 100));
    }
}
