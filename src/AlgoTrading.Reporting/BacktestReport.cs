using System.Net;
using System.Text;
using AlgoTrading.Backtesting;
using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Configuration;
using AlgoTrading.Data;
using AlgoTrading.Domain;
using AlgoTrading.Time;
using static AlgoTrading.Reporting.ReportFormat;

namespace AlgoTrading.Reporting;

/// <summary>
/// One self-contained <c>report.html</c> per backtest, a tearsheet with the content quantstats and pyfolio
/// show: headline metrics beside buy-and-hold of the same instrument with the same costs; equity with the
/// benchmark (linear or log); underwater chart and the five worst drawdowns; monthly returns heatmap and
/// yearly returns; rolling Sharpe (6 and 12 months) and rolling volatility; distribution of daily returns;
/// trade statistics; the last bars as candles without the session's closed hours, with entries, exits,
/// stops and targets; the run's parameters, code version and input hashes. Long curves are thinned per
/// pixel bucket (<see cref="ExtremaDownsampler"/>, at most <see cref="MaxPointsPerSeries"/> points a series)
/// with the drawdown extremes exact. It renders offline: plotly.js is inlined once.
/// </summary>
public static class BacktestReport
{
    /// <summary>Most points one chart series holds.</summary>
    public const int MaxPointsPerSeries = 5000;
    /// <summary>Most candles on the price chart (the run's last bars).</summary>
    public const int MaxCandles = 2000;

    /// <summary>Writes the report of a run (settings and inputs unknown) on <paramref name="bars"/>, with costs and session from <paramref name="market"/> when given.</summary>
    public static string Write(BacktestResult result, BarSeries bars, string title, string path, MarketOptions? market = null) =>
        Write(ReportedRun.From(result, bars, market?.InstrumentFor(bars.Instrument) ?? TradableInstrument.FromSymbol(bars.Instrument), market?.SessionOf(bars.Instrument) ?? TradingSession.Forex),
            title, null, [], path);

    /// <summary>Writes the report of <paramref name="run"/> to <paramref name="path"/>; returns the path.</summary>
    /// <param name="run">The run.</param>
    /// <param name="title">Page title.</param>
    /// <param name="settings">The run's settings (serialised as JSON into the parameters section), or null.</param>
    /// <param name="inputs">The input files with their SHA-256.</param>
    /// <param name="path">Where to write.</param>
    public static string Write(ReportedRun run, string title, object? settings, IReadOnlyList<InputFile> inputs, string path)
    {
        // The sections are built in parallel (each is a pass or two over the full-resolution curves) and joined in page
        // order; what several of them need is computed once, by the first that asks.
        var daily = new Lazy<Tuple<long[], double[]>>(() => PerformanceMetrics.DailyReturns(run.Time, run.Equity, run.InitialCash).ToTuple());
        var benchDaily = new Lazy<Tuple<long[], double[]>>(() => PerformanceMetrics.DailyReturns(run.BenchmarkTime, run.BenchmarkEquity, run.InitialCash).ToTuple());
        var worst = new Lazy<IReadOnlyList<DrawdownPeriod>>(() => Drawdowns.Worst(run.Time, run.Equity, run.InitialCash, 5));
        // Each section has an id made from its heading (report.html#monthly-returns links to it); charts are numbered in page order.
        var sections = new (string Heading, Func<string> Html)[]
        {
            ("Key metrics", () => HeadlineTable(run)),
            ("Equity", () => PlotlyFigure.Html(TearsheetCharts.Equity(run, worst.Value), 1)),
            ("Underwater (drawdown)", () => PlotlyFigure.Html(TearsheetCharts.Underwater(run), 2)),
            ("Worst drawdowns", () => DrawdownTable(worst.Value)),
            ("Monthly returns", () => PlotlyFigure.Html(TearsheetCharts.MonthlyHeatmap(PeriodReturns.Monthly(run.Time, run.Equity, run.InitialCash)), 3)),
            ("Yearly returns", () => PlotlyFigure.Html(TearsheetCharts.YearlyReturns(
                PeriodReturns.Yearly(run.Time, run.Equity, run.InitialCash), PeriodReturns.Yearly(run.BenchmarkTime, run.BenchmarkEquity, run.InitialCash)), 4)),
            ("Rolling Sharpe ratio", () => PlotlyFigure.Html(TearsheetCharts.RollingSharpe(daily.Value.Item1, daily.Value.Item2, run.PeriodsPerYear), 5)),
            ("Rolling volatility (6 months)", () => PlotlyFigure.Html(TearsheetCharts.RollingVolatility(daily.Value.Item1, daily.Value.Item2,
                benchDaily.Value.Item1, benchDaily.Value.Item2, run.PeriodsPerYear), 6)),
            ("Distribution of daily returns", () => PlotlyFigure.Html(TearsheetCharts.DailyReturnDistribution(daily.Value.Item2, benchDaily.Value.Item2), 7)),
            ("Trades", () => TradeTable(TradeStatistics.From(run.Trades), run.Metrics)),
            ("Price, entries, exits, stops and targets", () => PlotlyFigure.Html(TearsheetCharts.Candles(run, MaxCandles), 8)),
            ("Run", () => RunTable(settings, inputs)),
        };
        var html = new string[sections.Length];
        Parallel.For(0, sections.Length, i => html[i] = new StringBuilder().Append("<section id=\"").Append(Anchor(sections[i].Heading)).Append("\"><h2>")
            .Append(WebUtility.HtmlEncode(sections[i].Heading)).Append("</h2>").Append(sections[i].Html()).Append("</section>").ToString());

        var head = new StringBuilder();
        head.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        head.Append("<style>body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1150px;color:#2a3f5f}h2{margin-top:32px;border-bottom:1px solid #ccd}")
            .Append("table{border-collapse:collapse;margin:8px 0}td,th{padding:4px 12px;border-bottom:1px solid #e4e4ea;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}.sub{color:#667}code{font-size:12px;word-break:break-all}</style>");
        head.Append("<script type=\"text/javascript\">");
        var body = new StringBuilder("</script></head><body>");
        body.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        body.Append("<p class=\"sub\">").Append(WebUtility.HtmlEncode(Subtitle(run))).Append("</p>");
        foreach (var section in html) body.Append(section);
        body.Append("</body></html>");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var utf8 = new UTF8Encoding(false);
        file.Write(utf8.GetBytes(head.ToString()));
        file.Write(PlotlyFigure.PlotlyJs.Span); // the 3.5 MB of plotly.js go straight from memory to the file
        file.Write(utf8.GetBytes(body.ToString()));
        return path;
    }

    private static string Anchor(string heading) =>
        System.Text.RegularExpressions.Regex.Replace(heading.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    private static string Subtitle(ReportedRun run)
    {
        string span = run.Time.Length > 0 ? $"{Moment(new DateTime(run.Time[0], DateTimeKind.Utc))} to {Moment(new DateTime(run.Time[^1], DateTimeKind.Utc))} UTC" : "no steps";
        return $"{run.Bars.Instrument} {run.Bars.Period} bars, {span}; initial cash {Money(run.InitialCash)}; benchmark: buy and hold {run.Bars.Instrument} with the same costs";
    }

    private static string HeadlineTable(ReportedRun run)
    {
        var (s, b) = (run.Metrics, run.BenchmarkMetrics);
        var rows = new (string Name, string Strategy, string Benchmark)[]
        {
            ("Total return", Percent(s.TotalReturn), Percent(b.TotalReturn)),
            ("CAGR", Percent(s.Cagr), Percent(b.Cagr)),
            ("Annual volatility", Share(s.AnnualVolatility), Share(b.AnnualVolatility)),
            ("Sharpe ratio", Ratio(s.Sharpe), Ratio(b.Sharpe)),
            ("Sortino ratio", Ratio(s.Sortino), Ratio(b.Sortino)),
            ("Calmar ratio", Ratio(s.Calmar), Ratio(b.Calmar)),
            ("Max drawdown", Percent(s.MaxDrawdown), Percent(b.MaxDrawdown)),
            ("Longest drawdown", Days(s.MaxDrawdownDuration), Days(b.MaxDrawdownDuration)),
            ("Recovery of the deepest drawdown", Days(s.TimeToRecover), Days(b.TimeToRecover)),
            ("Exposure", Share(s.Exposure), Share(1)),
            ("Final equity", Money(s.FinalEquity), Money(b.FinalEquity)),
        };
        return Table(["", "Strategy", "Buy and hold"], rows.Select(r => new[] { r.Name, r.Strategy, r.Benchmark }));
    }

    private static string DrawdownTable(IReadOnlyList<DrawdownPeriod> worst) =>
        worst.Count == 0 ? "<p>No drawdown.</p>"
        : Table(["#", "Peak (UTC)", "Trough (UTC)", "Recovery (UTC)", "Depth", "Length"],
            worst.Select((d, i) => new[] { (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Moment(d.Peak), Moment(d.Trough),
                d.Recovery is null ? "not recovered" : Moment(d.Recovery), Percent(d.Depth), Days(d.Length) }));

    private static string TradeTable(TradeStatistics t, PerformanceMetrics m) => Table(["", "Value"],
    [
        ["Closed trades", m.Trades.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        ["Win rate", Share(m.WinRate)],
        ["Payoff ratio (mean win / mean loss)", Ratio(m.Payoff)],
        ["Profit factor", Ratio(m.ProfitFactor)],
        ["Expectancy per trade", Money(m.Expectancy)],
        ["Average win / average loss", $"{Money(m.AverageWin)} / {Money(m.AverageLoss)}"],
        ["Average holding time", Days(t.AverageHolding)],
        ["Longest holding time", Days(t.LongestHolding)],
        ["Longest losing streak", $"{t.LongestLosingStreak} trades"],
        ["Longest winning streak", $"{t.LongestWinningStreak} trades"],
        ["Costs paid", string.Join(", ", m.Costs.Select(c => $"{c.Key} {Money(c.Value)}"))],
        ["Turnover (per year)", Ratio(m.Turnover)],
    ]);

    private static string RunTable(object? settings, IReadOnlyList<InputFile> inputs)
    {
        var rows = new List<string[]> { new[] { "Code version", CodeVersion.Library } };
        foreach (var input in inputs) rows.Add([$"Input {input.Path}", $"SHA-256 {input.Sha256}"]);
        var sb = new StringBuilder(Table(["", ""], rows));
        if (settings is not null)
            sb.Append("<h3>Parameters</h3><pre><code>").Append(WebUtility.HtmlEncode(BacktestOutputWriter.Json(settings))).Append("</code></pre>");
        return sb.ToString();
    }

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder("<table><tr>");
        foreach (var h in header) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            foreach (var cell in row) sb.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</table>").ToString();
    }
}
