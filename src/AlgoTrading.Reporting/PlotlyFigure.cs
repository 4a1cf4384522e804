using System.Collections;
using System.Globalization;
using System.Text;

namespace AlgoTrading.Reporting;

/// <summary>
/// Plotly charts from plain trace and layout properties (the names plotly.js documents), rendered as HTML
/// fragments with numbered div ids, so the same run gives the same file. The JSON is written here, in the form
/// Plotly.NET wrote it (its page template, property order, Newtonsoft's number and string format), because a
/// one-shot backtest spent a third of a second of CPU loading and compiling Plotly.NET, FSharp.Core,
/// Newtonsoft.Json and the dynamic binder for a few kilobytes of JSON. plotly.js itself is still the one shipped
/// inside the Plotly.NET package, inlined once per page by <see cref="PlotlyJs"/>: no network.
/// </summary>
internal static class PlotlyFigure
{
    /// <summary>A trace of plotly.js type <paramref name="type"/> with <paramref name="properties"/> (null values left out).</summary>
    public static Trace Trace(string type, params (string Key, object? Value)[] properties)
    {
        var trace = new Trace(type);
        foreach (var (key, value) in properties) if (value is not null) trace.SetProperty(key, value);
        return trace;
    }

    /// <summary>A chart of <paramref name="traces"/> with <paramref name="layout"/> (plotly.js layout keys; null values left out).</summary>
    public static Chart Chart(IEnumerable<Trace> traces, IReadOnlyDictionary<string, object?> layout) => new([.. traces], layout);

    /// <summary>The chart's HTML; <paramref name="number"/> names its div (<c>chart01</c>…).</summary>
    public static string Html(Chart chart, int number)
    {
        var id = $"chart{number.ToString("D2", CultureInfo.InvariantCulture)}";
        var html = new StringBuilder();
        html.Append("<div><div id=\"").Append(id).Append("\"><!-- Plotly chart will be drawn inside this DIV --></div><script type=\"text/javascript\">var renderPlotly_")
            .Append(id).Append(" = function() {\n    var data = ");
        html.Append('[');
        for (int t = 0; t < chart.Traces.Count; t++)
        {
            if (t > 0) html.Append(',');
            PlotlyJson.Write(html, chart.Traces[t].Properties);
        }
        html.Append("];\n    var layout = ");
        PlotlyJson.Write(html, chart.Layout.Where(p => p.Value is not null));
        html.Append(";\n    var config = {\"displaylogo\":false,\"responsive\":true};\n    Plotly.newPlot('").Append(id)
            .Append("', data, layout, config);\n};\nrenderPlotly_").Append(id).Append("();\n</script></div>");
        return html.ToString();
    }

    /// <summary>A UTC time as plotly.js reads a date (no zone suffix: the axis shows UTC).</summary>
    public static string Date(long utcTicks) => new DateTime(utcTicks).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>plotly.js as shipped inside Plotly.NET, UTF-8, safe to inline in a script element (read once per process).</summary>
    public static ReadOnlyMemory<byte> PlotlyJs => LazyPlotlyJs.Value;

    private static readonly Lazy<byte[]> LazyPlotlyJs = new(() =>
    {
        // Only the resource is read: no Plotly.NET (or FSharp.Core) code runs.
        var assembly = System.Reflection.Assembly.Load(new System.Reflection.AssemblyName("Plotly.NET"));
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        if (bytes.AsSpan().StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        // A literal "</script>" inside the library would end the inline script element early.
        return bytes.AsSpan().IndexOf("</script>"u8) < 0 ? bytes
            : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("</script>", "<\\/script>", StringComparison.Ordinal));
    });
}

/// <summary>One plotly.js trace: its properties in the order they were set (<c>type</c> first).</summary>
internal sealed class Trace
{
    private readonly List<KeyValuePair<string, object?>> _properties = [];

    /// <summary>A trace of plotly.js type <paramref name="type"/>.</summary>
    public Trace(string type) => SetProperty("type", type);

    /// <summary>The properties in the order they were first set.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Properties => _properties;

    /// <summary>Sets <paramref name="key"/>, keeping its place when it was set before.</summary>
    public void SetProperty(string key, object? value)
    {
        int i = _properties.FindIndex(p => p.Key == key);
        if (i >= 0) _properties[i] = new(key, value);
        else _properties.Add(new(key, value));
    }
}

/// <summary>Traces and a layout, as <see cref="PlotlyFigure.Html"/> renders them.</summary>
/// <param name="Traces">The data.</param>
/// <param name="Layout">plotly.js layout keys; null values are left out.</param>
internal sealed record Chart(IReadOnlyList<Trace> Traces, IReadOnlyDictionary<string, object?> Layout);

/// <summary>
/// JSON as Json.NET writes it by default (what Plotly.NET used): doubles in round-trip form with ".0" when
/// integral, NaN and infinities as null (plotly.js draws a gap), strings with only quotes, backslashes, control
/// characters and U+0085/U+2028/U+2029 escaped.
/// </summary>
internal static class PlotlyJson
{
    /// <summary>Writes an object of <paramref name="properties"/>.</summary>
    public static void Write(StringBuilder json, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        json.Append('{');
        bool first = true;
        foreach (var (key, value) in properties)
        {
            if (!first) json.Append(',');
            first = false;
            String(json, key);
            json.Append(':');
            Value(json, value);
        }
        json.Append('}');
    }

    private static void Value(StringBuilder json, object? value)
    {
        switch (value)
        {
            case null: json.Append("null"); break;
            case string s: String(json, s); break;
            case bool b: json.Append(b ? "true" : "false"); break;
            case double d: Number(json, d); break;
            case int i: json.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case long l: json.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case IEnumerable<KeyValuePair<string, object?>> nullable: Write(json, nullable); break;
            case double[] doubles:
                json.Append('[');
                for (int k = 0; k < doubles.Length; k++) { if (k > 0) json.Append(','); Number(json, doubles[k]); }
                json.Append(']');
                break;
            case IEnumerable items:
                json.Append('[');
                bool first = true;
                foreach (var item in items) { if (!first) json.Append(','); first = false; Value(json, item); }
                json.Append(']');
                break;
            default: throw new ArgumentException($"no JSON form for a {value.GetType().Name} in a chart");
        }
    }

    private static void Number(StringBuilder json, double d)
    {
        if (!double.IsFinite(d)) { json.Append("null"); return; }
        Span<char> text = stackalloc char[32];
        d.TryFormat(text, out int n, "R", CultureInfo.InvariantCulture);
        json.Append(text[..n]);
        if (text[..n].IndexOfAny('.', 'E') < 0) json.Append(".0");
    }

    private static void String(StringBuilder json, string s)
    {
        json.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (c < ' ' || c is '\u0085' or '\u2028' or '\u2029') json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }
        json.Append('"');
    }
}
