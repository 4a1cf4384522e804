using System.Text;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace AlgoTrading.Notebooks;

/// <summary>
/// Plotly.NET charts as notebook HTML that works offline: plotly.js, shipped inside Plotly.NET, is
/// written once (before the first chart of a notebook) and every chart refers to it instead of a CDN.
/// </summary>
public sealed class NotebookCharts
{
    private bool _plotlyWritten;

    /// <summary>The chart's HTML; the first call also carries plotly.js.</summary>
    public string ToHtml(GenericChart chart)
    {
        var html = new StringBuilder();
        if (!_plotlyWritten)
        {
            html.Append(PlotlyScript());
            _plotlyWritten = true;
        }
        var offline = GenericChart.setDisplayOptions(DisplayOptions.init(null, null, null, null, null, null,
            FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.NoReference)), chart);
        // Plotly.NET writes NaN as the string "NaN", which plotly.js cannot place; null is a gap.
        return html.Append(GenericChart.toChartHTML(offline).Replace("\"NaN\"", "null", StringComparison.Ordinal)).ToString();
    }

    // Notebook front ends load require.js: plotly.js would register itself as an AMD module and leave
    // window.Plotly unset, so `define` is hidden while it loads.
    private static string PlotlyScript()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var js = reader.ReadToEnd().Replace("</script>", "<\\/script>", StringComparison.Ordinal);
        return "<script type=\"text/javascript\">var algotradingDefine = window.define; window.define = undefined;</script>"
               + "<script type=\"text/javascript\">" + js + "</script>"
               + "<script type=\"text/javascript\">window.define = algotradingDefine;</script>";
    }
}
