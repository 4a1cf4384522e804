using System.Globalization;
using AlgoTrading.Backtesting;
using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;
using static AlgoTrading.Reporting.PlotlyFigure;

namespace AlgoTrading.Reporting;

/// <summary>The tearsheet's charts (see <see cref="BacktestReport"/>); percentages are plotted as percent.</summary>
internal static class TearsheetCharts
{
    private const string StrategyColour = "#1f77b4", BenchmarkColour = "#7f7f7f";
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Strategy and buy-and-hold equity, with a linear/log switch; the deepest drawdown's peak and trough are kept exactly.</summary>
    public static Chart Equity(ReportedRun run, IReadOnlyList<DrawdownPeriod> worst)
    {
        int[] keep = worst.Count > 0 ? [worst[0].PeakIndex, worst[0].TroughIndex] : [];
        var scales = new object[]
        {
            Button("linear", new Dictionary<string, object> { ["yaxis.type"] = "linear" }),
            Button("log", new Dictionary<string, object> { ["yaxis.type"] = "log" }),
        };
        return Chart(
        [
            Line(run.BenchmarkTime, run.BenchmarkEquity, ExtremaDownsampler.ByCount(run.BenchmarkEquity, BacktestReport.MaxPointsPerSeries), "buy and hold", BenchmarkColour),
            Line(run.Time, run.Equity, ExtremaDownsampler.ByCount(run.Equity, BacktestReport.MaxPointsPerSeries, keep), "strategy", StrategyColour),
        ], Layout(420, "equity", extra: new() { ["updatemenus"] = new object[] { new Dictionary<string, object> { ["type"] = "buttons", ["direction"] = "right", ["x"] = 0, ["y"] = 1.15, ["xanchor"] = "left", ["buttons"] = scales } } }));
    }

    /// <summary>Drawdown from the running peak, in percent; each bucket's deepest point is kept.</summary>
    public static Chart Underwater(ReportedRun run)
    {
        // One buffer, one curve after the other (a line keeps only its drawn points): 8 MB of fresh memory per
        // million steps instead of twice that.
        var percent = new double[Math.Max(run.Equity.Length, run.BenchmarkEquity.Length)];
        Drawdowns.Underwater(run.BenchmarkEquity, run.InitialCash, percent, scale: 100);
        var benchmark = percent.AsSpan(0, run.BenchmarkEquity.Length);
        var b = Line(run.BenchmarkTime, percent, ExtremaDownsampler.ByCount(benchmark, BacktestReport.MaxPointsPerSeries), "buy and hold", BenchmarkColour);
        Drawdowns.Underwater(run.Equity, run.InitialCash, percent, scale: 100);
        var strategy = percent.AsSpan(0, run.Equity.Length);
        var s = Line(run.Time, percent, ExtremaDownsampler.ByCount(strategy, BacktestReport.MaxPointsPerSeries), "strategy", StrategyColour);
        s.SetProperty("fill", "tozeroy");
        return Chart([b, s], Layout(300, "drawdown (%)"));
    }

    /// <summary>Years down, months across, each cell labelled with its return in percent.</summary>
    public static Chart MonthlyHeatmap(IReadOnlyList<PeriodReturn> months)
    {
        var years = months.Select(m => m.Year).Distinct().Order().ToArray();
        var z = new double?[years.Length][];
        var text = new string[years.Length][];
        for (int y = 0; y < years.Length; y++) { z[y] = new double?[12]; text[y] = Enumerable.Repeat("", 12).ToArray(); }
        foreach (var m in months)
        {
            int y = Array.IndexOf(years, m.Year);
            z[y][m.Month - 1] = Math.Round(100 * m.Return, 2);
            text[y][m.Month - 1] = (100 * m.Return).ToString("F1", CultureInfo.InvariantCulture);
        }
        var heat = Trace("heatmap", ("z", z), ("x", MonthNames), ("y", years.Select(Year).ToArray()), ("text", text), ("texttemplate", "%{text}"),
            ("hovertemplate", "%{y} %{x}: %{z:.2f} %<extra></extra>"), ("colorscale", new object[] { new object[] { 0, "#c0392b" }, new object[] { 0.5, "#fdfdf0" }, new object[] { 1, "#1e8449" } }), ("zmid", 0), ("colorbar", new Dictionary<string, object> { ["title"] = "%" }));
        return Chart([heat], Layout(160 + 32 * Math.Max(1, years.Length), null, xCategory: true, extra: new()
        {
            ["yaxis"] = new Dictionary<string, object> { ["type"] = "category", ["autorange"] = "reversed", ["title"] = "year" },
        }));
    }

    /// <summary>Strategy and buy-and-hold return per calendar year, in percent.</summary>
    public static Chart YearlyReturns(IReadOnlyList<PeriodReturn> strategy, IReadOnlyList<PeriodReturn> benchmark) => Chart(
    [
        Trace("bar", ("x", strategy.Select(r => Year(r.Year)).ToArray()), ("y", strategy.Select(r => Math.Round(100 * r.Return, 4)).ToArray()), ("name", "strategy"),
            ("marker", new Dictionary<string, object> { ["color"] = StrategyColour })),
        Trace("bar", ("x", benchmark.Select(r => Year(r.Year)).ToArray()), ("y", benchmark.Select(r => Math.Round(100 * r.Return, 4)).ToArray()), ("name", "buy and hold"),
            ("marker", new Dictionary<string, object> { ["color"] = BenchmarkColour })),
    ], Layout(300, "return (%)", xCategory: true, extra: new() { ["barmode"] = "group" }));

    /// <summary>Rolling Sharpe ratio over 6 and 12 months of daily returns.</summary>
    public static Chart RollingSharpe(long[] dayTime, double[] dayReturns, int periodsPerYear)
    {
        var six = RollingRatios.Sharpe(dayReturns, Math.Max(2, periodsPerYear / 2), periodsPerYear);
        var twelve = RollingRatios.Sharpe(dayReturns, periodsPerYear, periodsPerYear);
        return Chart(
        [
            Line(dayTime, six, ExtremaDownsampler.ByCount(six, BacktestReport.MaxPointsPerSeries), "6 months", StrategyColour),
            Line(dayTime, twelve, ExtremaDownsampler.ByCount(twelve, BacktestReport.MaxPointsPerSeries), "12 months", "#ff7f0e"),
        ], Layout(300, "Sharpe ratio"));
    }

    /// <summary>Annualised volatility over 6 months of daily returns, strategy and buy and hold, in percent.</summary>
    public static Chart RollingVolatility(long[] dayTime, double[] dayReturns, long[] benchTime, double[] benchReturns, int periodsPerYear)
    {
        int window = Math.Max(2, periodsPerYear / 2);
        var s = RollingRatios.Volatility(dayReturns, window, periodsPerYear).Select(v => 100 * v).ToArray();
        var b = RollingRatios.Volatility(benchReturns, window, periodsPerYear).Select(v => 100 * v).ToArray();
        return Chart(
        [
            Line(benchTime, b, ExtremaDownsampler.ByCount(b, BacktestReport.MaxPointsPerSeries), "buy and hold", BenchmarkColour),
            Line(dayTime, s, ExtremaDownsampler.ByCount(s, BacktestReport.MaxPointsPerSeries), "strategy", StrategyColour),
        ], Layout(300, "annualised volatility (%)"));
    }

    /// <summary>Histogram of daily returns in percent, strategy over buy and hold.</summary>
    public static Chart DailyReturnDistribution(double[] strategy, double[] benchmark) => Chart(
    [
        Trace("histogram", ("x", benchmark.Select(r => 100 * r).ToArray()), ("name", "buy and hold"), ("opacity", 0.5), ("nbinsx", 60),
            ("marker", new Dictionary<string, object> { ["color"] = BenchmarkColour })),
        Trace("histogram", ("x", strategy.Select(r => 100 * r).ToArray()), ("name", "strategy"), ("opacity", 0.7), ("nbinsx", 60),
            ("marker", new Dictionary<string, object> { ["color"] = StrategyColour })),
    ], Layout(300, "days", extra: new() { ["barmode"] = "overlay", ["xaxis"] = new Dictionary<string, object> { ["title"] = "daily return (%)" } }));

    /// <summary>
    /// The last <paramref name="maxCandles"/> bars (mid of quote bars) without the session's closed hours, with
    /// entries (triangles: up long, down short), exits by reason (stop-loss and trailing stop, take-profit,
    /// other) and the levels of stop and limit entry orders.
    /// </summary>
    public static Chart Candles(ReportedRun run, int maxCandles)
    {
        var bars = run.Bars;
        int from = Math.Max(0, bars.Count - maxCandles), n = bars.Count - from;
        var ticks = bars.TimeTicks[from..];
        var x = new string[n];
        var (open, high, low, close) = (new double[n], new double[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++)
        {
            x[i] = Date(ticks[i]);
            // The mids of the drawn bars only (the whole mid series would be four new columns of the run's length).
            var p = bars.Kind == BarKind.Quote ? bars.QuoteAt(from + i).Mid : bars.Trade![from + i];
            (open[i], high[i], low[i], close[i]) = (p.Open, p.High, p.Low, p.Close);
        }
        var traces = new List<Trace>
        {
            Trace("candlestick", ("x", x), ("open", open), ("high", high), ("low", low), ("close", close), ("name", bars.Instrument)),
        };
        if (n > 0)
        {
            long since = ticks[0];
            var entries = run.Trades.Where(t => t.EntryTime.Ticks >= since).ToArray();
            var exits = run.Trades.Where(t => t.ExitTime.Ticks >= since).ToArray();
            traces.Add(Markers(entries.Where(t => t.Units > 0), t => t.EntryTime, t => t.EntryPrice, "long entry", "triangle-up", "#2ca02c"));
            traces.Add(Markers(entries.Where(t => t.Units < 0), t => t.EntryTime, t => t.EntryPrice, "short entry", "triangle-down", "#d62728"));
            traces.Add(Markers(exits.Where(t => t.ExitReason is "exit:stop_loss" or "exit:trailing_stop"), t => t.ExitTime, t => t.ExitPrice, "stop hit", "x", "#d62728"));
            traces.Add(Markers(exits.Where(t => t.ExitReason == "exit:take_profit"), t => t.ExitTime, t => t.ExitPrice, "target hit", "star", "#2ca02c"));
            traces.Add(Markers(exits.Where(t => t.ExitReason is not ("exit:stop_loss" or "exit:trailing_stop" or "exit:take_profit")), t => t.ExitTime, t => t.ExitPrice, "exit", "circle-open", "#444"));
            var levels = run.OrderLevels.Where(l => l.Time.Ticks >= since).ToArray();
            traces.Add(Markers(levels.Where(l => l.Type == OrderType.Stop), l => l.Time, l => l.Price, "stop entry order", "line-ew-open", "#9467bd"));
            traces.Add(Markers(levels.Where(l => l.Type == OrderType.Limit), l => l.Time, l => l.Price, "limit entry order", "line-ew-open", "#17becf"));
        }
        var closed = n > 0 ? SessionRangeBreaks.Between(run.Session, ticks[0], ticks[^1], bars.Period.Duration.Ticks) : [];
        return Chart(traces, Layout(520, "price", extra: new()
        {
            ["xaxis"] = new Dictionary<string, object> { ["type"] = "date", ["rangeslider"] = new Dictionary<string, object> { ["visible"] = false },
                ["rangebreaks"] = SessionRangeBreaks.ForPlotly(closed, Date) },
        }));
    }

    private static Trace Line(long[] time, double[] values, int[] indices, string name, string colour)
    {
        var x = new string[indices.Length];
        var y = new double?[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            x[k] = Date(time[indices[k]]);
            double v = values[indices[k]];
            y[k] = double.IsFinite(v) ? v : null;
        }
        return Trace("scatter", ("x", x), ("y", y), ("mode", "lines"), ("name", name), ("line", new Dictionary<string, object> { ["color"] = colour, ["width"] = 1.5 }));
    }

    private static Trace Markers<T>(IEnumerable<T> items, Func<T, DateTime> time, Func<T, double> price, string name, string symbol, string colour)
    {
        var list = items.ToArray();
        return Trace("scatter", ("x", list.Select(i => Date(time(i).Ticks)).ToArray()), ("y", list.Select(price).ToArray()), ("mode", "markers"), ("name", name),
            ("marker", new Dictionary<string, object> { ["symbol"] = symbol, ["color"] = colour, ["size"] = 9, ["line"] = new Dictionary<string, object> { ["width"] = 1.5, ["color"] = colour } }));
    }

    private static object Button(string label, Dictionary<string, object> relayout) =>
        new Dictionary<string, object> { ["label"] = label, ["method"] = "relayout", ["args"] = new object[] { relayout } };

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Layout(int height, string? yTitle, bool xCategory = false, Dictionary<string, object?>? extra = null)
    {
        var layout = new Dictionary<string, object?>
        {
            ["height"] = height, ["autosize"] = true,
            ["margin"] = new Dictionary<string, object> { ["l"] = 70, ["r"] = 30, ["t"] = 40, ["b"] = 50 },
            ["legend"] = new Dictionary<string, object> { ["orientation"] = "h", ["x"] = 1, ["xanchor"] = "right", ["y"] = 1.12 },
            ["xaxis"] = xCategory ? new Dictionary<string, object> { ["type"] = "category" } : new Dictionary<string, object> { ["type"] = "date" },
            ["yaxis"] = yTitle is null ? null : new Dictionary<string, object> { ["title"] = yTitle },
            ["hovermode"] = "x",
        };
        foreach (var (key, value) in extra ?? []) layout[key] = value;
        return layout;
    }
}
