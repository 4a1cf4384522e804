using System.Globalization;
using System.Text;

namespace AlgoTrading.NotebookRunner;

/// <summary>How a notebook run ended.</summary>
internal enum NotebookStatus { Passed, CellErrors, Failed }

/// <summary>One notebook's outcome for the summary table: code cells run of the total, wall time, status and the first error line.</summary>
internal sealed record NotebookResult(string Name, int CellsRun, int CodeCells, double Seconds, NotebookStatus Status, string? Error)
{
    public bool Succeeded => Status == NotebookStatus.Passed;

    /// <summary>A fixed-width table: notebook, cells (run/total code cells), seconds, status.</summary>
    public static string SummaryTable(IReadOnlyList<NotebookResult> results)
    {
        int width = Math.Max("notebook".Length, results.Max(r => r.Name.Length));
        var sb = new StringBuilder();
        sb.Append("notebook".PadRight(width)).Append("  cells    seconds  status\n");
        sb.Append(new string('-', width)).Append("  -----  ---------  ------\n");
        foreach (var r in results)
        {
            sb.Append(r.Name.PadRight(width)).Append("  ")
              .Append($"{r.CellsRun}/{r.CodeCells}".PadLeft(5)).Append("  ")
              .Append(r.Seconds.ToString("F1", CultureInfo.InvariantCulture).PadLeft(9)).Append("  ")
              .Append(r.Status switch { NotebookStatus.Passed => "passed", NotebookStatus.CellErrors => "errors (allowed)", _ => "FAILED" })
              .Append('\n');
        }
        return sb.ToString();
    }
}
