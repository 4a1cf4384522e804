using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Plotly.NET;

namespace AlgoTrading.Reporting;

/// <summary>
/// Builds Plotly.NET charts from plain trace and layout properties (the names plotly.js documents) and
/// renders them as HTML fragments with numbered, not random, div ids, so the same run gives the same file.
/// plotly.js itself (shipped inside Plotly.NET) is inlined once per page by <see cref="PlotlyJs"/>: no network.
/// </summary>
internal static partial class PlotlyFigure
{
    /// <summary>A trace of plotly.js type <paramref name="type"/> with <paramref name="properties"/>.</summary>
    public static Trace Trace(string type, params (string Key, object? Value)[] properties)
    {
        var trace = new Trace2D(type);
        foreach (var (key, value) in properties) if (value is not null) trace.SetProperty(key, value);
        return trace;
    }

    /// <summary>A chart of <paramref name="traces"/> with <paramref name="layout"/> (plotly.js layout keys).</summary>
    public static GenericChart Chart(IEnumerable<Trace> traces, IReadOnlyDictionary<string, object?> layout)
    {
        var chart = GenericChart.ofTraceObjects(false, traces.ToArray());
        var l = new Layout();
        foreach (var (key, value) in layout) if (value is not null) l.SetProperty(key, value);
        var config = new Config();
        config.SetProperty("displaylogo", false);
        config.SetProperty("responsive", true);
        return GenericChart.setConfig(config, GenericChart.setLayout(l, chart));
    }

    /// <summary>The chart's HTML; <paramref name="number"/> names its div (<c>chart01</c>…).</summary>
    public static string Html(GenericChart chart, int number)
    {
        var id = $"chart{number.ToString("D2", CultureInfo.InvariantCulture)}";
        return Guid().Replace(GenericChart.toChartHTML(chart), id);
    }

    /// <summary>A UTC time as plotly.js reads a date (no zone suffix: the axis shows UTC).</summary>
    public static string Date(long utcTicks) => new DateTime(utcTicks).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>NaN as null, which plotly.js draws as a gap (Newtonsoft would write the string "NaN").</summary>
    public static double?[] Gaps(IEnumerable<double> values) => values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    /// <summary>plotly.js as shipped inside Plotly.NET, UTF-8, safe to inline in a script element (read once per process).</summary>
    public static ReadOnlyMemory<byte> PlotlyJs => LazyPlotlyJs.Value;

    private static readonly Lazy<byte[]> LazyPlotlyJs = new(() =>
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        if (bytes.AsSpan().StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        // A literal "</script>" inside the library would end the inline script element early.
        return bytes.AsSpan().IndexOf("</script>"u8) < 0 ? bytes
            : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("</script>", "<\\/script>", StringComparison.Ordinal));
    });

    [GeneratedRegex("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")]
    private static partial Regex Guid();
}
