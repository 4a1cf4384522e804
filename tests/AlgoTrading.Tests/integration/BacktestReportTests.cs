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
        var bars = AlgoTrading.Data.Processors.Resampler.Resample(SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(60_000)), AlgoTrading.Domain.BarPeriod.H1, AlgoTrading.Time.TradingSession.Forex);
        var strategy = StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30", ["mode"] = "longshort" });
        var result = new BacktestEngine([new BacktestFeed(TradableInstrument.From("EUR_USD", null), bars, strategy)]).Run();
        var path = Path.Combine(_dir.Path, "report.html");
        BacktestReport.Write(result, bars, "sma-cross on EUR_USD (synthetic)", path);
        return path;
    }

    [Fact]
    public void Report_is_self_contained_and_the_same_run_writes_the_same_file()
    {
        var path = WriteReport();
        var html = File.ReadAllText(path);
        Assert.DoesNotContain("<script src=", html);       // plotly.js is inlined, nothing is fetched
        Assert.DoesNotContain("src=\"http", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Contains("<h2>Monthly returns</h2>", html);
        Assert.Contains("<td>Sharpe ratio</td>", html);
        var first = File.ReadAllBytes(path);
        WriteReport();
        Assert.Equal(first, File.ReadAllBytes(path));
    }

    [Fact]
    public void Report_renders_offline_in_headless_chromium_without_script_errors()
    {
        var path = WriteReport();
        var png = Path.Combine(_dir.Path, "report.png");
        var (_, shot) = Chromium.Run(path, $"--screenshot={png}", "--window-size=1200,2400", "--virtual-time-budget=10000");
        Assert.True(File.Exists(png), "no screenshot was written: " + shot);
        Assert.DoesNotContain("Uncaught", shot);
        Assert.True(Chromium.DistinctColours(png) > 50, "the screenshot is blank");
        var (dom, error) = Chromium.Run(path, "--dump-dom", "--virtual-time-budget=10000");
        Assert.DoesNotContain("Uncaught", error);
        // Plotly draws each chart into an <svg class="main-svg">: five charts, each with its layers.
        int drawn = System.Text.RegularExpressions.Regex.Matches(dom, "class=\"main-svg\"").Count;
        Assert.True(drawn >= 5, $"only {drawn} plotly surfaces were drawn");
    }
}
