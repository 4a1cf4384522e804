using AlgoTrading.Features.Sets;
using AlgoTrading.Notebooks;

namespace AlgoTrading.Tests.Unit;

/// <summary>The HTML the notebook kernel extension shows, and the numbers in it, worked by hand.</summary>
public class NotebookFormatterTests
{
    // Twelve hourly quote bars: bid close 1.0 + i/100, ask 0.0002 above.
    private static BarSeries TwelveBars() => Quote(BarPeriod.H1, 0.0002,
        Enumerable.Range(0, 12).Select(i => (Utc(2024, 1, 2, i), 1.0 + i / 100.0, 1.0 + i / 100.0 + 0.005, 1.0 + i / 100.0 - 0.005, 1.0 + i / 100.0)).ToArray());

    [Fact]
    public void Column_statistics_leave_NaN_out()
    {
        var s = ColumnStatistics.Of([1, 2, double.NaN, 4]);
        Assert.Equal(3, s.Count);
        Assert.Equal(7.0 / 3, s.Mean, 12);
        // sample variance: ((1 - 7/3)² + (2 - 7/3)² + (4 - 7/3)²) / 2 = (16/9 + 1/9 + 25/9) / 2 = 7/3
        Assert.Equal(Math.Sqrt(7.0 / 3), s.StandardDeviation, 12);
        Assert.Equal(1, s.Min);
        Assert.Equal(4, s.Max);
    }

    [Fact]
    public void Column_statistics_of_only_NaN_are_NaN_with_count_zero()
    {
        var s = ColumnStatistics.Of([double.NaN, double.NaN]);
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Mean) && double.IsNaN(s.StandardDeviation) && double.IsNaN(s.Min) && double.IsNaN(s.Max));
        Assert.True(double.IsNaN(ColumnStatistics.Of([5]).StandardDeviation));
    }

    [Fact]
    public void Preview_shows_every_row_of_a_short_series_and_both_ends_of_a_long_one()
    {
        Assert.Equal([0, 1, 2], NotebookHtml.PreviewIndices(3));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], NotebookHtml.PreviewIndices(10));
        Assert.Equal([0, 1, 2, 3, 4, -1, 7, 8, 9, 10, 11], NotebookHtml.PreviewIndices(12));
    }

    [Fact]
    public void Bar_series_html_names_the_series_and_previews_the_first_and_last_five_bars()
    {
        var html = NotebookHtml.BarSeries(TwelveBars());
        Assert.Contains("<b>TEST</b>", html);
        Assert.Contains("bars: 12, 2024-01-02 00:00:00 to 2024-01-02 11:00:00 UTC", html);
        foreach (int h in new[] { 0, 4, 7, 11 }) Assert.Contains($"2024-01-02 {h:D2}:00:00</td>", html);
        foreach (int h in new[] { 5, 6 }) Assert.DoesNotContain($"2024-01-02 {h:D2}:00:00</td>", html);
        // bid close statistics: mean of 1.00 … 1.11 = 1.055, min 1, max 1.11; spread 0.0002 everywhere
        Assert.Contains("<td style=\"white-space:nowrap\">bid_close</td><td>12</td><td>0</td><td>1.055</td>", html);
        Assert.Contains("<td style=\"white-space:nowrap\">spread_close</td><td>12</td><td>0</td><td>0.0002</td>", html);
    }

    [Fact]
    public void Feature_matrix_html_counts_warm_up_NaN_per_column()
    {
        var matrix = new FeatureMatrix([Utc(2024, 1, 3, 10).Ticks, Utc(2024, 1, 3, 11).Ticks, Utc(2024, 1, 3, 12).Ticks],
            ["rsi_14", "atr_14"], [double.NaN, double.NaN, 60, 0.001, 0.002, 0.003]);
        var html = NotebookHtml.FeatureMatrix(matrix);
        Assert.Contains("3 rows x 2 features", html);
        Assert.Contains("<td style=\"white-space:nowrap\">rsi_14</td><td>1</td><td>2</td><td>60</td>", html);
        Assert.Contains("<td style=\"white-space:nowrap\">atr_14</td><td>3</td><td>0</td><td>0.002</td>", html);
    }

    [Fact]
    public void Bar_series_converts_to_a_data_frame_with_bid_and_ask_columns()
    {
        var df = TwelveBars().ToDataFrame();
        Assert.Equal(["time_utc", "bid_open", "bid_high", "bid_low", "bid_close", "ask_open", "ask_high", "ask_low", "ask_close"], df.Columns.Select(c => c.Name));
        Assert.Equal(12, df.Rows.Count);
        Assert.Equal(1.03 + 0.0002, (double)df["ask_close"][3]!, 12);
        Assert.Equal(Utc(2024, 1, 2, 3), (DateTime)df["time_utc"][3]!);
        var frame = TwelveBars().ToFrame();
        Assert.Equal(1.05, frame.GetColumn<double>("bid_open")[Utc(2024, 1, 2, 5)], 12);
    }

    [Fact]
    public void Backtest_result_shows_metrics_and_offline_charts_with_plotly_js_written_once()
    {
        var closes = Enumerable.Range(0, 120).Select(i => 1.1 + 0.01 * Math.Sin(i / 6.0)).ToArray();
        var bars = Quote(BarPeriod.H1, 0.0001, closes.Select((c, i) => (Utc(2024, 1, 1).AddHours(i), c, c + 0.001, c - 0.001, c)).ToArray());
        var strategy = StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "3", ["slow"] = "8", ["mode"] = "longshort" });
        var result = new BacktestEngine([new BacktestFeed(TradableInstrument.FromSymbol("EUR_USD"), bars, strategy)]).Run();
        var charts = new NotebookCharts();

        var first = NotebookHtml.BacktestResult(result, charts);
        var second = NotebookHtml.BacktestResult(result, charts);

        Assert.Contains("Backtest metrics", first);
        Assert.Contains($"<td style=\"white-space:nowrap\">trades</td><td>{result.Trades.Count}</td>", first);
        Assert.Equal(1, CountOf(first, "* plotly.js v"));   // the library's banner: plotly.js inlined in the first output only
        Assert.Equal(0, CountOf(second, "* plotly.js v"));
        Assert.Equal(2, CountOf(second, "Plotly.newPlot('"));   // two charts, drawn with the inlined library
        Assert.DoesNotContain("cdn.plot.ly", second);   // (plotly.js itself names its CDN as a default for map data)
        Assert.DoesNotContain("<script src=", first + second);
    }

    [Fact]
    public void Undefined_metrics_show_their_reasons_not_a_type_name()
    {
        // metrics.json's "undefined" entry is a sorted string dictionary: metric key -> why it has no number
        var reasons = new SortedDictionary<string, string> { ["time_to_recover_days"] = "the deepest drawdown has not recovered", ["sortino"] = "no losing period" };
        Assert.Equal("sortino: no losing period; time_to_recover_days: the deepest drawdown has not recovered", NotebookHtml.MetricText(reasons));
        Assert.Equal("spread 693.20, financing 1.50", NotebookHtml.MetricText(new Dictionary<string, double> { ["spread"] = 693.2, ["financing"] = 1.5 }));
        Assert.Equal("—", NotebookHtml.MetricText(null));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
