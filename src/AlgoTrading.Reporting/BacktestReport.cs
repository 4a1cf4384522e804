using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AlgoTrading.Backtesting;
using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Domain;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace AlgoTrading.Reporting;

/// <summary>
/// One self-contained <c>report.html</c> for a backtest that works offline: plotly.js (shipped inside
/// Plotly.NET) is inlined once in the page head, and each chart is Plotly.NET's chart HTML. Charts:
/// equity, drawdown, price candles with entries and exits, monthly returns heatmap, trade P&amp;L
/// distribution; then the metrics table. Chart ids are numbered, not random, so the same run gives
/// the same file.
/// </summary>
public static class BacktestReport
{
    private const int MaxCandles = 3000;

    /// <summary>Writes the report for <paramref name="result"/> on <paramref name="bars"/> to <paramref name="path"/>.</summary>
    public static void Write(BacktestResult result, BarSeries bars, string title, string path)
    {
        var charts = new List<(string Heading, GenericChart Chart)>
        {
            ("Equity", Equity(result)),
            ("Drawdown", Drawdown(result)),
            ("Price, entries and exits", Price(result, bars)),
            ("Monthly returns (%)", MonthlyReturns(result)),
            ("Trade P&L distribution", TradeDistribution(result)),
        };
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        html.Append("<style>body{font-family:sans-serif;margin:24px;color:#2a3f5f}table{border-collapse:collapse}td,th{padding:4px 12px;border-bottom:1px solid #ddd;text-align:right}th{text-align:left}</style>");
        html.Append("<script type=\"text/javascript\">").Append(PlotlyJs()).Append("</script></head><body>");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (var (heading, chart) in charts)
            html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2>").Append(ChartHtml(chart));
        html.Append("<h2>Metrics</h2>").Append(MetricsTable(result.Metrics()));
        html.Append("</body></html>");
        File.WriteAllText(path, Deterministic(html.ToString()), new UTF8Encoding(false));
    }

    private static GenericChart Sized(GenericChart chart, int height = 380) =>
        chart.WithSize(Width: 1100, Height: height);

    private const int MaxPoints = 4000;

    private static GenericChart Equity(BacktestResult r)
    {
        var (x, y) = Thin(r.EquityTime, r.Equity);
        return Sized(PlotlyChart.Line<DateTime, double, string>(x: x, y: y, Name: "equity"));
    }

    private static GenericChart Drawdown(BacktestResult r)
    {
        double peak = r.Options.InitialCash;
        var dd = r.Equity.Select(e => { peak = Math.Max(peak, e); return 100 * (e / peak - 1); }).ToArray();
        var (x, y) = Thin(r.EquityTime, dd, keepMinimum: true);
        return Sized(PlotlyChart.Area<DateTime, double, string>(x: x, y: y, Name: "drawdown %"), 300);
    }

    // Long curves are thinned to about MaxPoints for the page (the CSV keeps every point): each
    // bucket keeps its last value, or its lowest for drawdowns so the deepest point stays visible.
    private static (DateTime[] X, double[] Y) Thin(long[] time, double[] values, bool keepMinimum = false)
    {
        int step = Math.Max(1, (values.Length + MaxPoints - 1) / MaxPoints);
        var x = new List<DateTime>();
        var y = new List<double>();
        for (int start = 0; start < values.Length; start += step)
        {
            int end = Math.Min(values.Length, start + step) - 1, pick = end;
            if (keepMinimum) for (int i = start; i <= end; i++) if (values[i] < values[pick]) pick = i;
            x.Add(new DateTime(time[pick], DateTimeKind.Utc));
            y.Add(values[pick]);
        }
        return ([.. x], [.. y]);
    }

    private static GenericChart Price(BacktestResult r, BarSeries bars)
    {
        var p = bars.Prices(bars.Kind == BarKind.Quote ? PriceSource.Mid : PriceSource.Trade);
        int from = Math.Max(0, bars.Count - MaxCandles);
        var x = Times(bars.TimeTicks[from..].ToArray());
        var candles = PlotlyChart.Candlestick<double, DateTime, string>(
            open: p.Open[from..].ToArray(), high: p.High[from..].ToArray(), low: p.Low[from..].ToArray(), close: p.Close[from..].ToArray(),
            X: x, MultiX: default, Name: bars.Instrument);
        var since = bars.TimeAt(from);
        var trades = r.Trades.Where(t => t.EntryTime >= since).ToArray();
        var entries = PlotlyChart.Point<DateTime, double, string>(x: trades.Select(t => t.EntryTime), y: trades.Select(t => t.EntryPrice), Name: "entries");
        var exits = PlotlyChart.Point<DateTime, double, string>(x: trades.Select(t => t.ExitTime), y: trades.Select(t => t.ExitPrice), Name: "exits");
        return Sized(Plotly.NET.CSharp.Chart.Combine([candles, entries, exits]), 500);
    }

    private static GenericChart MonthlyReturns(BacktestResult r)
    {
        var months = new SortedDictionary<(int Year, int Month), (double First, double Last)>();
        double previous = r.Options.InitialCash;
        for (int i = 0; i < r.Equity.Length; i++)
        {
            var t = new DateTime(r.EquityTime[i]);
            var key = (t.Year, t.Month);
            months[key] = months.TryGetValue(key, out var m) ? (m.First, r.Equity[i]) : (previous, r.Equity[i]);
            previous = r.Equity[i];
        }
        var years = months.Keys.Select(k => k.Year).Distinct().Order().ToArray();
        var z = years.Select(y => Enumerable.Range(1, 12).Select(mo => months.TryGetValue((y, mo), out var v) ? Math.Round(100 * (v.Last / v.First - 1), 2) : double.NaN).ToArray()).ToArray();
        return Sized(PlotlyChart.Heatmap<double, string, string, string>(zData: z,
            X: CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames.Take(12).ToArray(), Y: years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray()), 220 + 30 * years.Length); // below ~200 px the default margins leave plotly.js no room to scale the axes
    }

    private static GenericChart TradeDistribution(BacktestResult r) => Sized(
        PlotlyChart.Histogram<double, double, string>(X: r.Trades.Select(t => t.Pnl).ToArray(), Name: "trade P&L"), 320);

    private static string MetricsTable(PerformanceMetrics m)
    {
        var rows = BacktestOutputWriter.MetricsDocument(m);
        var sb = new StringBuilder("<table>");
        foreach (var (key, value) in rows)
        {
            string text = value switch
            {
                double d => double.IsNaN(d) ? "—" : d.ToString("G6", CultureInfo.InvariantCulture),
                IReadOnlyDictionary<string, double> costs => string.Join(", ", costs.Select(c => $"{c.Key} {c.Value.ToString("F2", CultureInfo.InvariantCulture)}")),
                null => "—",
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
            };
            sb.Append("<tr><th>").Append(WebUtility.HtmlEncode(key)).Append("</th><td>").Append(WebUtility.HtmlEncode(text)).Append("</td></tr>");
        }
        return sb.Append("</table>").ToString();
    }

    // Plotly.NET writes NaN as the string "NaN", which plotly.js cannot place on an axis; null is its
    // "no value" (a gap). Only the chart's own data is rewritten, never plotly.js.
    private static string ChartHtml(GenericChart chart) => GenericChart.toChartHTML(chart).Replace("\"NaN\"", "null", StringComparison.Ordinal);

    private static DateTime[] Times(long[] ticks) => ticks.Select(t => new DateTime(t, DateTimeKind.Utc)).ToArray();

    /// <summary>plotly.js as shipped inside Plotly.NET (no network needed).</summary>
    private static string PlotlyJs()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("</script>", "<\\/script>", StringComparison.Ordinal);
    }

    // Plotly.NET names chart divs with random GUIDs; number them so identical runs write identical files.
    private static string Deterministic(string html)
    {
        var ids = new Dictionary<string, string>();
        return Regex.Replace(html, "[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", m =>
        {
            var key = m.Value.Replace("-", "");
            if (!ids.TryGetValue(key, out var id)) ids[key] = id = $"chart{ids.Count + 1:D2}";
            return m.Value.Contains('-') ? id : id;
        });
    }
}
