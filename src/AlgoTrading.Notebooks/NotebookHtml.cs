using System.Globalization;
using System.Net;
using System.Text;
using AlgoTrading.Backtesting;
using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Domain;
using AlgoTrading.Features.Sets;
using AlgoTrading.Models.Validation;
using AlgoTrading.Time;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyChart = Plotly.NET.CSharp.Chart;

namespace AlgoTrading.Notebooks;

/// <summary>
/// The HTML a notebook shows for the library's types: a preview (first and last rows) with summary
/// statistics for bar series and feature matrices, and for a backtest result its metrics table with
/// equity and drawdown charts, a cross-validation's fold table and a model's feature importance. Times are bar starts in UTC; statistics leave NaN (warm-up) out.
/// </summary>
public static class NotebookHtml
{
    /// <summary>Rows shown at each end of a preview.</summary>
    public const int PreviewRows = 5;

    /// <summary>Instrument, period and range; close (and spread) statistics; the first and last bars.</summary>
    public static string BarSeries(BarSeries series)
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"algotrading\"><b>").Append(WebUtility.HtmlEncode(series.Instrument)).Append("</b> ")
          .Append(WebUtility.HtmlEncode(series.Period.ToString())).Append(' ').Append(series.Kind.ToString().ToLowerInvariant())
          .Append(" bars: ").Append(series.Count.ToString("N0", CultureInfo.InvariantCulture));
        if (series.Count > 0)
            sb.Append(", ").Append(HtmlTable.Time(series.TimeTicks[0])).Append(" to ").Append(HtmlTable.Time(series.TimeTicks[^1])).Append(" UTC");
        sb.Append("</div>");

        var columns = new List<(string Name, double[] Values)>();
        foreach (var (side, prices) in new[] { ("bid", series.Bid), ("ask", series.Ask), ("", series.Trade) })
        {
            if (prices is null) continue;
            var prefix = side.Length == 0 ? "" : side + "_";
            columns.Add(($"{prefix}open", prices.Open.ToArray()));
            columns.Add(($"{prefix}high", prices.High.ToArray()));
            columns.Add(($"{prefix}low", prices.Low.ToArray()));
            columns.Add(($"{prefix}close", prices.Close.ToArray()));
        }
        if (series.Bid is { } bid && series.Ask is { } ask)
        {
            var spread = new double[series.Count];
            for (int i = 0; i < spread.Length; i++) spread[i] = ask.Close[i] - bid.Close[i];
            columns.Add(("spread_close", spread));
        }
        if (!series.Volume.IsEmpty) columns.Add(("volume", series.Volume.ToArray()));

        sb.Append(Statistics(columns.Where(c => c.Name.EndsWith("close", StringComparison.Ordinal) || c.Name is "volume"), series.Count));
        sb.Append(Preview(series.TimeTicks.ToArray(), columns));
        return sb.ToString();
    }

    /// <summary>Rows and columns; per feature the values, warm-up NaNs, mean, standard deviation, min and max; the first and last rows.</summary>
    public static string FeatureMatrix(FeatureMatrix matrix)
    {
        var sb = new StringBuilder("<div class=\"algotrading\">Feature matrix: ");
        sb.Append(matrix.Rows.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows x ").Append(matrix.Columns.Count).Append(" features");
        if (matrix.Rows > 0) sb.Append(", ").Append(HtmlTable.Time(matrix.Time[0])).Append(" to ").Append(HtmlTable.Time(matrix.Time[^1])).Append(" UTC");
        sb.Append("</div>");
        var columns = matrix.Columns.Select((name, c) => (name, matrix.Column(c).ToArray())).ToList();
        sb.Append(Statistics(columns, matrix.Rows));
        sb.Append(Preview(matrix.Time, columns));
        return sb.ToString();
    }

    /// <summary>The metrics table (the names of <c>metrics.json</c>) and the equity and drawdown charts.</summary>
    public static string BacktestResult(BacktestResult result, NotebookCharts charts)
    {
        var sb = new StringBuilder("<div class=\"algotrading\">");
        var metrics = new HtmlTable("metric", "value");
        foreach (var (key, value) in BacktestOutputWriter.MetricsDocument(result.Metrics()))
            metrics.Row(key, MetricText(value));
        sb.Append(metrics.ToHtml("Backtest metrics"));
        var time = UtcTicks.ToDateTimes(result.EquityTime.Span);
        sb.Append("<h4>Equity</h4>").Append(charts.ToHtml(PlotlyChart.Line<DateTime, double, string>(x: time, y: result.Equity, Name: "equity")
            .WithSize(Width: 900, Height: 320)));
        sb.Append("<h4>Drawdown (%)</h4>").Append(charts.ToHtml(PlotlyChart.Area<DateTime, double, string>(x: time, y: Drawdowns.Underwater(result.Equity, result.Options.InitialCash).Select(d => 100 * d), Name: "drawdown %")
            .WithSize(Width: 900, Height: 260)));
        return sb.Append("</div>").ToString();
    }

    /// <summary>
    /// A cross-validation's fold table: per fold the rows trained on, tested, purged and embargoed, the
    /// test window (UTC) and every score, then one row scoring all out-of-sample predictions together.
    /// </summary>
    public static string FoldTable(CrossValidationResult validation)
    {
        var metricNames = validation.Folds.Count > 0 ? validation.Folds[0].Metrics.Keys.ToList() : validation.Overall.Keys.ToList();
        var table = new HtmlTable(["fold", "train rows", "test rows", "purged", "embargoed", "test from (UTC)", "test to (UTC)", .. metricNames]);
        static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
        foreach (var f in validation.Folds)
            table.Row([Count(f.Fold), Count(f.TrainRows), Count(f.TestRows), Count(f.Purged), Count(f.Embargoed),
                HtmlTable.Time(f.TestStart.Ticks), HtmlTable.Time(f.TestEnd.Ticks), .. metricNames.Select(m => HtmlTable.Number(f.Metrics[m], "F4"))]);
        table.Row(["all out of sample", "", Count(validation.Predictions.Length), "", "", "", "",
            .. metricNames.Select(m => validation.Overall.TryGetValue(m, out var v) ? HtmlTable.Number(v, "F4") : "")]);
        return "<div class=\"algotrading\">" + table.ToHtml($"Purged cross-validation: {validation.Folds.Count} folds") + "</div>";
    }

    /// <summary>Feature importance as a table (gain and share of the total, largest first) and a horizontal bar chart of the shares.</summary>
    public static string FeatureImportance(FeatureImportance importance, NotebookCharts charts)
    {
        var table = new HtmlTable("feature", "total gain", "share %");
        var share = importance.Share;
        for (int i = 0; i < importance.Features.Count; i++)
            table.Row(importance.Features[i], HtmlTable.Number(importance.Gain[i]), HtmlTable.Number(100 * share[i], "F2"));
        // Largest at the top of the chart: plotly draws the first category at the bottom.
        var chart = PlotlyChart.Bar<double, string, string>(values: share.Reverse().Select(s => 100 * s).ToArray(),
                Keys: importance.Features.Reverse().ToArray(), Name: "share of total gain %")
            .WithSize(Width: 800, Height: 200 + 18 * importance.Features.Count);
        return "<div class=\"algotrading\">" + table.ToHtml($"Feature importance of {importance.Model} (total gain)") + charts.ToHtml(chart) + "</div>";
    }

    // One cell per metrics.json value: numbers, the costs breakdown, and the reasons of the undefined (null) metrics.
    internal static string MetricText(object? value) => value switch
    {
        null => "—",
        double d => HtmlTable.Number(d),
        IReadOnlyDictionary<string, double> parts => string.Join(", ", parts.Select(p => $"{p.Key} {HtmlTable.Number(p.Value, "F2")}")),
        IEnumerable<KeyValuePair<string, string>> reasons => string.Join("; ", reasons.Select(r => $"{r.Key}: {r.Value}")),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Statistics(IEnumerable<(string Name, double[] Values)> columns, int rows)
    {
        var table = new HtmlTable("column", "values", "NaN", "mean", "std", "min", "max");
        foreach (var (name, values) in columns)
        {
            var s = ColumnStatistics.Of(values);
            table.Row(name, s.Count.ToString(CultureInfo.InvariantCulture), (rows - s.Count).ToString(CultureInfo.InvariantCulture),
                HtmlTable.Number(s.Mean), HtmlTable.Number(s.StandardDeviation), HtmlTable.Number(s.Min), HtmlTable.Number(s.Max));
        }
        return table.ToHtml("Summary statistics");
    }

    private static string Preview(long[] time, IReadOnlyList<(string Name, double[] Values)> columns)
    {
        var table = new HtmlTable(["time_utc", .. columns.Select(c => c.Name)]);
        int n = time.Length;
        foreach (int i in PreviewIndices(n))
        {
            if (i < 0) { table.Ellipsis(); continue; }
            table.Row([HtmlTable.Time(time[i]), .. columns.Select(c => HtmlTable.Number(c.Values[i]))]);
        }
        return table.ToHtml($"First and last {PreviewRows} rows");
    }

    // Row numbers of the preview; -1 stands for the rows left out.
    internal static IEnumerable<int> PreviewIndices(int rows)
    {
        if (rows <= 2 * PreviewRows)
        {
            for (int i = 0; i < rows; i++) yield return i;
            yield break;
        }
        for (int i = 0; i < PreviewRows; i++) yield return i;
        yield return -1;
        for (int i = rows - PreviewRows; i < rows; i++) yield return i;
    }
}

/// <summary>Count, mean, sample standard deviation, min and max of the non-NaN values of a column.</summary>
public readonly record struct ColumnStatistics(int Count, double Mean, double StandardDeviation, double Min, double Max)
{
    /// <summary>Statistics of <paramref name="values"/> with NaN left out (all NaN when no value is left; std NaN below two values).</summary>
    public static ColumnStatistics Of(ReadOnlySpan<double> values)
    {
        int count = 0;
        double mean = 0, m2 = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            count++;
            double delta = v - mean;          // Welford: stable for prices near 1.1 with tiny variance
            mean += delta / count;
            m2 += delta * (v - mean);
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return count == 0
            ? new ColumnStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new ColumnStatistics(count, mean, count > 1 ? Math.Sqrt(m2 / (count - 1)) : double.NaN, min, max);
    }
}
