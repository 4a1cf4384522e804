using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Reporting;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit;

/// <summary>The tearsheet's figures on series short enough to work out by hand, and the curve thinning.</summary>
public class TearsheetTests
{
    private static long[] DaysFrom(DateTime first, int count) => Enumerable.Range(0, count).Select(i => first.AddDays(i).Ticks).ToArray();

    [Fact]
    public void Drawdown_table_by_hand()
    {
        // Peak 110 (day 0) → trough 99 (day 1) → back to 111 on day 3; then 111 → 90 (day 6), never recovered.
        double[] equity = [110, 99, 105, 111, 100, 108, 90];
        var t = DaysFrom(Utc(2024, 1, 1), equity.Length);
        var worst = Drawdowns.Worst(t, equity, 100, 5);
        Assert.Equal(2, worst.Count);
        Assert.Equal(90.0 / 111 - 1, worst[0].Depth, 12);
        Assert.Equal((Utc(2024, 1, 4), Utc(2024, 1, 7), (DateTime?)null, TimeSpan.FromDays(3)), (worst[0].Peak, worst[0].Trough, worst[0].Recovery, worst[0].Length));
        Assert.Equal((3, 6), (worst[0].PeakIndex, worst[0].TroughIndex));
        Assert.Equal(99.0 / 110 - 1, worst[1].Depth, 12);
        Assert.Equal((Utc(2024, 1, 1), Utc(2024, 1, 2), (DateTime?)Utc(2024, 1, 4), TimeSpan.FromDays(3)), (worst[1].Peak, worst[1].Trough, worst[1].Recovery, worst[1].Length));
        Assert.Single(Drawdowns.Worst(t, equity, 100, 1));
        Assert.Equal([0, 99.0 / 110 - 1, 105.0 / 110 - 1, 0, 100.0 / 111 - 1, 108.0 / 111 - 1, 90.0 / 111 - 1], Drawdowns.Underwater(equity, 100));
        // Into a longer buffer in percent (the report's chart), the tail untouched.
        var percent = Enumerable.Repeat(7.0, equity.Length + 2).ToArray();
        Drawdowns.Underwater(equity, 100, percent, scale: 100);
        Assert.Equal(Drawdowns.Underwater(equity, 100).Select(d => d * 100).Append(7).Append(7), percent);
        Assert.Throws<ArgumentException>(() => Drawdowns.Underwater(equity, 100, new double[equity.Length - 1]));
        // A fall below the initial cash before any new high is a drawdown from the initial cash.
        var first = Drawdowns.Worst(t[..2], [95, 97], 100, 5).Single();
        Assert.Equal(95.0 / 100 - 1, first.Depth, 12);
        Assert.Equal((-1, 0, Utc(2024, 1, 1)), (first.PeakIndex, first.TroughIndex, first.Peak));
    }

    [Fact]
    public void Monthly_and_yearly_returns_by_hand()
    {
        long[] t = [Utc(2023, 12, 29).Ticks, Utc(2024, 1, 2).Ticks, Utc(2024, 1, 31).Ticks, Utc(2024, 3, 1).Ticks];
        double[] equity = [105, 100, 110, 99];
        var months = PeriodReturns.Monthly(t, equity, 100);
        Assert.Equal([(2023, 12), (2024, 1), (2024, 3)], months.Select(m => (m.Year, m.Month)));
        Assert.Equal(0.05, months[0].Return, 12);
        Assert.Equal(110.0 / 105 - 1, months[1].Return, 12);   // against December's last equity, not January's first
        Assert.Equal(99.0 / 110 - 1, months[2].Return, 12);    // February has no step: no entry
        var years = PeriodReturns.Yearly(t, equity, 100);
        Assert.Equal([(2023, 0), (2024, 0)], years.Select(y => (y.Year, y.Month)));
        Assert.Equal(105.0 / 100 - 1, years[0].Return, 12);
        Assert.Equal(99.0 / 105 - 1, years[1].Return, 12);
        Assert.Equal(99.0 / 100, months.Aggregate(1.0, (a, m) => a * (1 + m.Return)), 12); // compounding gives the total
    }

    [Fact]
    public void Rolling_sharpe_and_volatility_by_hand()
    {
        double[] r = [0.01, -0.02, 0.03, 0.0];
        var sharpe = RollingRatios.Sharpe(r, 3, 252);
        var vol = RollingRatios.Volatility(r, 3, 252);
        Assert.True(double.IsNaN(sharpe[0]) && double.IsNaN(sharpe[1]) && double.IsNaN(vol[1]));
        double mean = 0.02 / 3, std = Math.Sqrt((Math.Pow(0.01 - mean, 2) + Math.Pow(-0.02 - mean, 2) + Math.Pow(0.03 - mean, 2)) / 2);
        Assert.Equal(mean / std * Math.Sqrt(252), sharpe[2], 12);
        Assert.Equal(std * Math.Sqrt(252), vol[2], 12);
        double mean3 = 0.01 / 3, std3 = Math.Sqrt((Math.Pow(-0.02 - mean3, 2) + Math.Pow(0.03 - mean3, 2) + Math.Pow(0 - mean3, 2)) / 2);
        Assert.Equal(mean3 / std3 * Math.Sqrt(252), sharpe[3], 12);
        Assert.True(double.IsNaN(RollingRatios.Sharpe([0.01, 0.01], 2, 252)[1])); // no variation: undefined, not infinite
    }

    [Fact]
    public void Trade_statistics_streaks_payoff_expectancy_holding_by_hand()
    {
        var start = Utc(2024, 1, 1);
        TradeRecord Trade(double pnl, double hours) => new("EUR_USD", start, 1.1, start.AddHours(hours), 1.1, 1000, pnl, default, "entry", "exit:signal");
        TradeRecord[] trades = [Trade(10, 1), Trade(-5, 2), Trade(-5, 3), Trade(0, 4), Trade(-2, 5), Trade(20, 9)];
        var s = TradeStatistics.From(trades);
        var m = PerformanceMetrics.Compute([0.01], [start.Ticks], [101], 100, 252, trades.Select(t => t.Pnl).ToArray());
        Assert.Equal(2.0 / 6, m.WinRate, 12);
        Assert.Equal(15 / 4.0, m.Payoff, 12);            // mean win 15, mean loss −4
        Assert.Equal(18 / 6.0, m.Expectancy, 12);
        Assert.Equal(2, s.LongestLosingStreak);          // the zero trade breaks −5, −5 from −2
        Assert.Equal(1, s.LongestWinningStreak);
        Assert.Equal(TimeSpan.FromHours(24 / 6.0), s.AverageHolding);
        Assert.Equal(TimeSpan.FromHours(9), s.LongestHolding);
        var none = PerformanceMetrics.Compute([0.01], [start.Ticks], [101], 100, 252, []);
        Assert.True(double.IsNaN(none.WinRate) && double.IsNaN(none.Payoff) && double.IsNaN(none.Expectancy));
        Assert.Equal((TimeSpan.Zero, 0), (TradeStatistics.From([]).AverageHolding, TradeStatistics.From([]).LongestLosingStreak));
        Assert.True(double.IsNaN(PerformanceMetrics.Compute([0.01], [start.Ticks], [101], 100, 252, [5, 7]).Payoff)); // no loser: undefined
    }

    [Fact]
    public void Buy_and_hold_pays_the_ask_and_commission_and_is_marked_at_the_bid()
    {
        // Bid closes 1.1010, 1.0990; ask = bid + 0.0002; entry at the first ask open 1.1002.
        var bars = Quote(BarPeriod.H1, 0.0002, (Utc(2024, 1, 2, 10), 1.1000, 1.1020, 1.0990, 1.1010), (Utc(2024, 1, 2, 11), 1.1010, 1.1015, 1.0980, 1.0990));
        var eur = new TradableInstrument { Symbol = "EUR_USD", BaseCurrency = "EUR", QuoteCurrency = "USD", CommissionRate = 0.0001 };
        var (time, equity) = BuyAndHold.Curve(bars, eur, new BacktestOptions { InitialCash = 100_000 });
        double units = 100_000 / 1.1002, commission = 0.0001 * units * 1.1002;
        Assert.Equal(bars.TimeTicks.ToArray(), time);
        Assert.Equal(100_000 - commission + units * (1.1010 - 1.1002), equity[0], 6);
        Assert.Equal(100_000 - commission + units * (1.0990 - 1.1002), equity[1], 6);
        var free = BuyAndHold.Curve(bars, eur, new BacktestOptions { InitialCash = 100_000, ApplyCosts = false, UseBidAsk = false, Price = PriceSource.Bid });
        Assert.Equal(100_000 * 1.0990 / 1.1000, free.Equity[1], 6);
    }

    [Fact]
    public void Downsampler_keeps_every_bucket_extreme_within_the_point_budget()
    {
        var rng = new AlgoTrading.Data.Synthetic.SplitMix64(3);
        var walk = new double[100_003];
        for (int i = 1; i < walk.Length; i++) walk[i] = walk[i - 1] + rng.NextGaussian();
        var kept = ExtremaDownsampler.ByCount(walk, 5000, [77_777]);
        Assert.True(kept.Length <= 5001, $"{kept.Length} points");
        Assert.Equal(kept.Order().Distinct(), kept);
        Assert.Contains(77_777, kept);
        Assert.Contains(0, kept);
        Assert.Contains(walk.Length - 1, kept);
        // Every pixel bucket (1,250 of them) shows its true range: its minimum and maximum are among the kept points.
        for (int b = 0; b < 1250; b++)
        {
            int from = (int)((long)b * walk.Length / 1250), to = (int)((long)(b + 1) * walk.Length / 1250);
            var bucket = walk.AsSpan(from, to - from);
            Assert.Contains(from + bucket.IndexOf(MinOf(bucket)), kept);
            Assert.Contains(from + bucket.IndexOf(MaxOf(bucket)), kept);
        }
        Assert.Equal(Enumerable.Range(0, 10), ExtremaDownsampler.ByCount(walk.AsSpan(0, 10), 5000)); // short curves stay whole
    }

    [Fact]
    public void Coarse_equity_file_keeps_the_exact_maximum_drawdown()
    {
        // 200,000 one-minute steps of a random walk: the coarse file is per hour, yet its max drawdown is the full curve's.
        var rng = new AlgoTrading.Data.Synthetic.SplitMix64(11);
        int n = 200_000;
        var time = new long[n];
        var equity = new double[n];
        double e = 100_000;
        for (int i = 0; i < n; i++) { e *= 1 + 0.0005 * rng.NextGaussian(); equity[i] = e; time[i] = Utc(2024, 1, 1).Ticks + i * TimeSpan.TicksPerMinute; }
        using var dir = new Support.TempDirectory();
        var file = BacktestOutputWriter.WriteEquity(time, equity, 100_000, dir.Path, EquityOutput.Coarse).Single();
        var rows = File.ReadAllLines(file).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.InRange(rows.Length, n / 60, 4 * (n / 60 + 1) + 2);
        var coarse = rows.Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Drawdowns.Underwater(equity, 100_000).Min(), Drawdowns.Underwater(coarse, 100_000).Min());
        Assert.Equal(equity.Max(), coarse.Max());
        Assert.Equal(equity[^1], coarse[^1]);
        Assert.Equal(DateTime.Parse(rows[0][0], null, System.Globalization.DateTimeStyles.AdjustToUniversal).Ticks, time[0]);
        var full = BacktestOutputWriter.WriteEquity(time, equity, 100_000, dir.Path, EquityOutput.FullCsv).Single();
        Assert.Equal(n + 1, File.ReadLines(full).Count());
    }

    [Fact]
    public void Metrics_json_has_null_and_a_reason_where_a_metric_is_undefined()
    {
        var m = PerformanceMetrics.Compute([0.0, 0.0], [Utc(2024, 1, 2).Ticks, Utc(2024, 1, 3).Ticks], [100, 100], 100, 252, [5]);
        using var dir = new Support.TempDirectory();
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(BacktestOutputWriter.WriteMetrics(m, dir.Path)));
        var root = doc.RootElement;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("sharpe").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("profit_factor").ValueKind);
        Assert.Contains("no losing trade", root.GetProperty("undefined").GetProperty("profit_factor").GetString());
        Assert.Equal(1, root.GetProperty("win_rate").GetDouble());
        Assert.False(root.GetProperty("undefined").TryGetProperty("win_rate", out _));
        Assert.DoesNotContain("NaN", File.ReadAllText(Path.Combine(dir.Path, "metrics.json")));
    }

    [Fact]
    public void Formats_percent_with_sign_ratios_with_two_decimals_and_days()
    {
        Assert.Equal("+12.34 %", ReportFormat.Percent(0.12344));
        Assert.Equal("−5.00 %", ReportFormat.Percent(-0.05));
        Assert.Equal("0.00 %", ReportFormat.Percent(0));
        Assert.Equal("—", ReportFormat.Percent(double.NaN));
        Assert.Equal("1.24", ReportFormat.Ratio(1.2351));
        Assert.Equal("−0.50", ReportFormat.Ratio(-0.5));
        Assert.Equal("3.5 days", ReportFormat.Days(TimeSpan.FromHours(84)));
        Assert.Equal("42 days", ReportFormat.Days(TimeSpan.FromDays(41.6)));
        Assert.Equal("—", ReportFormat.Days(null));
    }

    [Fact]
    public void Range_breaks_cover_the_fx_weekend_in_utc()
    {
        // FX closes Friday 17:00 New York (22:00 UTC in January) and opens Sunday 17:00 (22:00 UTC).
        var closed = SessionRangeBreaks.Between(TradingSession.Forex, Utc(2024, 1, 5, 20).Ticks, Utc(2024, 1, 8, 1).Ticks, TimeSpan.TicksPerHour);
        Assert.Equal([new SessionRangeBreaks.Closed(Utc(2024, 1, 5, 22).Ticks, Utc(2024, 1, 7, 22).Ticks)], closed);
        // In July (EDT) the same weekend is 21:00 to 21:00 UTC.
        var summer = SessionRangeBreaks.Between(TradingSession.Forex, Utc(2024, 7, 5, 20).Ticks, Utc(2024, 7, 8, 1).Ticks, TimeSpan.TicksPerHour).Single();
        Assert.Equal((Utc(2024, 7, 5, 21).Ticks, Utc(2024, 7, 7, 21).Ticks), (summer.Start, summer.End));
        Assert.Empty(SessionRangeBreaks.Between(TradingSession.Forex, Utc(2024, 1, 2).Ticks, Utc(2024, 1, 3).Ticks, TimeSpan.TicksPerHour));
    }

    private static double MinOf(ReadOnlySpan<double> s) { double m = s[0]; foreach (var v in s) m = Math.Min(m, v); return m; }
    private static double MaxOf(ReadOnlySpan<double> s) { double m = s[0]; foreach (var v in s) m = Math.Max(m, v); return m; }
}
