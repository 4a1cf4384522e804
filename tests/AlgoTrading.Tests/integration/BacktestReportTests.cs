using System.Text.Json;
using System.Text.RegularExpressions;
using AlgoTrading.Data.Synthetic;
using AlgoTrading.Reporting;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

public class BacktestReportTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    private string WriteReport()
    {
        var bars = AlgoTrading.Data.Processors.Resampler.Resample(SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(400_000)), AlgoTrading.Domain.BarPeriod.H1, AlgoTrading.Time.TradingSession.Forex);
        var strategy = StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30", ["mode"] = "longshort", ["stop"] = "20", ["take"] = "40" });
        var result = new BacktestEngine([new BacktestFeed(TradableInstrument.FromSymbol("EUR_USD"), bars, strategy)]).Run();
        var path = Path.Combine(_dir.Path, "report.html");
        BacktestReport.Write(result, bars, "sma-cross on EUR_USD (synthetic)", path);
        return path;
    }

    [Fact]
    public void Report_is_a_self_contained_tearsheet_and_the_same_run_writes_the_same_file()
    {
        var path = WriteReport();
        var html = File.ReadAllText(path);
        Assert.DoesNotContain("<script src=", html);       // plotly.js is inlined, nothing is fetched
        Assert.DoesNotContain("src=\"http", html);
        foreach (var heading in new[] { "Key metrics", "Equity", "Underwater (drawdown)", "Worst drawdowns", "Monthly returns", "Yearly returns", "Rolling Sharpe ratio",
                     "Rolling volatility (6 months)", "Distribution of daily returns", "Trades", "Price, entries, exits, stops and targets", "Run" })
            Assert.Contains($"<h2>{heading}</h2>", html);
        // The sections are built in parallel: the page still has them, and its charts' numbers, in reading order.
        var headings = Regex.Matches(html, "<h2>([^<]*)</h2>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["Key metrics", "Equity", "Underwater (drawdown)", "Worst drawdowns", "Monthly returns", "Yearly returns", "Rolling Sharpe ratio",
            "Rolling volatility (6 months)", "Distribution of daily returns", "Trades", "Price, entries, exits, stops and targets", "Run"], headings);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"chart{i:D2}"), Regex.Matches(html, @"<div id=""(chart\d+)"">").Select(m => m.Groups[1].Value));
        Assert.Contains("<section id=\"equity\"><h2>Equity</h2><div><div id=\"chart01\">", html);
        Assert.Contains("<section id=\"monthly-returns\"><h2>", html);
        Assert.Contains("<th>Buy and hold</th>", html);
        Assert.Matches(@"<td>Total return</td><td>[+−]?\d+\.\d\d %</td><td>[+−]?\d+\.\d\d %</td>", html);
        Assert.Matches(@"<td>Sharpe ratio</td><td>−?\d+\.\d\d</td>", html);
        Assert.Contains("\"rangebreaks\":[{\"values\":[", html);  // the FX weekends are cut out of the candles
        Assert.Contains("\"texttemplate\":\"%{text}\"", html);     // monthly cells carry their values
        Assert.Contains(AlgoTrading.Backtesting.CodeVersion.Library, html);
        // Every series is thinned to the point budget: no x array in the page is longer.
        foreach (Match m in Regex.Matches(html, "\"x\":\\[([^\\]]*)\\]"))
            Assert.True(m.Groups[1].Value.Count(c => c == ',') < BacktestReport.MaxPointsPerSeries, "a series has more points than the budget");
        var first = File.ReadAllBytes(path);
        WriteReport();
        Assert.Equal(first, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_run_without_trades_or_drawdown_still_writes_every_section()
    {
        var bars = Flat(Utc(2024, 1, 2), AlgoTrading.Domain.BarPeriod.H1, 20);
        var strategy = StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30" });
        var result = new BacktestEngine([new BacktestFeed(TradableInstrument.FromSymbol("EUR_USD"), bars, strategy)]).Run();
        Assert.Empty(result.Trades);
        var path = BacktestReport.Write(result, bars, "flat", Path.Combine(_dir.Path, "flat.html"));
        var html = File.ReadAllText(path);
        Assert.Contains("<p>No drawdown.</p>", html);
        Assert.Contains("<td>Closed trades</td><td>0</td>", html);
        Assert.Equal(8, Regex.Matches(html, "<div id=\"chart\\d+\">").Count);
        Assert.DoesNotContain("NaN", html[html.IndexOf("<body>", StringComparison.Ordinal)..]);
    }

    // Runs before the page's own scripts: records script errors, console errors and every resource the page
    // requests, and once everything has drawn writes them and each chart's drawing as JSON into the DOM.
    private const string Probe = """
        <script>
        window.__probe = { errors: [] };
        window.addEventListener('error', e => __probe.errors.push('error: ' + e.message));
        window.addEventListener('unhandledrejection', e => __probe.errors.push('rejection: ' + e.reason));
        (function () { const original = console.error; console.error = function () { __probe.errors.push('console: ' + Array.from(arguments).join(' ')); original.apply(console, arguments); }; })();
        window.addEventListener('load', () => setTimeout(() => {
          const charts = Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => ({
            id: p.id, surfaces: p.querySelectorAll('svg.main-svg').length,
            marks: p.querySelectorAll('.plot path, .plot image, .plot rect, .hm image').length,
            drawn: (p._fullData || []).map(t => t.type),          // plotly.js draws a type it does not know as scatter
            visible: (p._fullData || []).filter(t => t.visible === true).length }));
          const out = document.createElement('pre');
          out.id = 'probe';
          out.textContent = JSON.stringify({ errors: __probe.errors, requests: performance.getEntriesByType('resource').map(r => r.name), charts: charts });
          document.body.appendChild(out);
        }, 500));
        </script>
        """;

    [Fact]
    public void Every_chart_draws_in_headless_chromium_without_errors_or_network_requests()
    {
        var path = WriteReport();
        var html = File.ReadAllText(path);
        int expected = Regex.Matches(html, "<div id=\"chart\\d+\">").Count;
        Assert.Equal(8, expected);
        // The trace types each chart asks for, read from the page (plotly.js rewrites its own copy of the data).
        var declared = Regex.Matches(html, @"var renderPlotly_(chart\d+) = function\(\) \{\s*var data = (.*?);\s*var layout", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups[1].Value, m => Regex.Matches(m.Groups[2].Value, "\\{\"type\":\"(\\w+)\"").Select(t => t.Groups[1].Value).ToArray());
        Assert.Equal(expected, declared.Count);
        var probed = Path.Combine(_dir.Path, "probed.html");
        File.WriteAllText(probed, html.Replace("<head>", "<head>" + Probe, StringComparison.Ordinal));
        // Any host name resolves nowhere, so a request could not leave the machine even if the page made one.
        var (dom, log) = Chromium.Run(probed, "--dump-dom", "--virtual-time-budget=15000", "--host-resolver-rules=MAP * ~NOTFOUND");
        Assert.DoesNotContain("Uncaught", log);
        var match = Regex.Match(dom, "<pre id=\"probe\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(match.Success, "the probe did not report (the page's scripts did not finish): " + log[..Math.Min(2000, log.Length)]);
        using var probe = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value));
        var root = probe.RootElement;
        Assert.Empty(root.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(root.GetProperty("requests").EnumerateArray().Select(e => e.GetString()));
        var charts = root.GetProperty("charts").EnumerateArray().ToArray();
        Assert.Equal(expected, charts.Length);
        foreach (var chart in charts)
        {
            string id = chart.GetProperty("id").GetString()!;
            Assert.True(chart.GetProperty("surfaces").GetInt32() >= 1, $"{id} has no plotly surface");
            Assert.NotEmpty(declared[id]);
            Assert.Equal(declared[id], chart.GetProperty("drawn").EnumerateArray().Select(e => e.GetString()));
            Assert.True(chart.GetProperty("visible").GetInt32() >= 1, $"{id} shows no trace");
            Assert.True(chart.GetProperty("marks").GetInt32() >= 1, $"{id} drew nothing");
        }
    }
}
