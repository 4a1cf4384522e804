using System.Globalization;
using System.Net;
using System.Text;

namespace AlgoTrading.Notebooks;

/// <summary>A small HTML table writer for the formatters: header row, body rows, encoded cells.</summary>
internal sealed class HtmlTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public HtmlTable Row(params string[] cells) { _rows.Add(cells); return this; }

    /// <summary>A row of "…" cells marking rows left out of a preview.</summary>
    public HtmlTable Ellipsis() => Row(headers.Select(_ => "…").ToArray());

    public string ToHtml(string? caption = null)
    {
        var sb = new StringBuilder("<table class=\"algotrading\">");
        if (caption is not null) sb.Append("<caption>").Append(WebUtility.HtmlEncode(caption)).Append("</caption>");
        sb.Append("<thead><tr>");
        foreach (var h in headers) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in _rows)
        {
            sb.Append("<tr>");
            // The first column (a time or a name) stays on one line however many columns follow.
            for (int c = 0; c < row.Length; c++)
                sb.Append(c == 0 ? "<td style=\"white-space:nowrap\">" : "<td>").Append(WebUtility.HtmlEncode(row[c])).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    public static string Number(double value, string format = "G6") =>
        double.IsNaN(value) ? "NaN" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Time(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
