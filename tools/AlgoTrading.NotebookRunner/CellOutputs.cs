using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AlgoTrading.NotebookRunner;

/// <summary>
/// Turns the kernel's events for one cell into notebook outputs: standard output and error become
/// stream outputs, displayed values display data, the cell's value an execute result, a failure an
/// error output, exactly as Jupyter shows them.
/// </summary>
internal sealed class CellOutputs(InteractiveDocumentElement cell, int executionCount)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _displayed = [];

    /// <summary>The first error the kernel reported without failing the command (for example a failed restore).</summary>
    public string? Error { get; private set; }

    public void OnEvent(KernelEvent e)
    {
        InteractiveDocumentOutputElement? output = e switch
        {
            StandardOutputValueProduced s => new TextElement(Text(s), "stdout"),
            StandardErrorValueProduced s => new TextElement(Text(s), "stderr"),
            ReturnValueProduced r => new ReturnValueElement { ExecutionOrder = executionCount }.With(Data(r)),
            ErrorProduced x => Remember(new ErrorElement(x.Message, "Error", []), x.Message),
            DisplayedValueProduced d => new DisplayElement(Data(d)),
            CommandFailed f => new ErrorElement(f.Message, f.Exception?.GetType().Name ?? "Error", StackTrace(f)),
            _ => null,
        };
        if (output is null && e is not DisplayedValueUpdated) return;
        lock (_gate)
        {
            // A display that is updated later (package restore progress) keeps its place and shows its last state.
            if (e is DisplayEvent { ValueId: { } id } display && (e is DisplayedValueProduced or DisplayedValueUpdated))
            {
                if (e is DisplayedValueUpdated && _displayed.TryGetValue(id, out var index))
                {
                    cell.Outputs[index] = new DisplayElement(Data(display));
                    return;
                }
                output ??= new DisplayElement(Data(display));
                _displayed[id] = cell.Outputs.Count;
                cell.Outputs.Add(output);
                return;
            }
            // Consecutive writes to the same stream read as one block, as in Jupyter.
            if (output is TextElement text && cell.Outputs.LastOrDefault() is TextElement last && last.Name == text.Name)
                cell.Outputs[^1] = new TextElement(last.Text + text.Text, text.Name);
            else if (output is not null)
                cell.Outputs.Add(output);
        }
    }

    private ErrorElement Remember(ErrorElement error, string message)
    {
        Error ??= NotebookExecutor.FirstLine(message);
        return error;
    }

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? "";

    private static Dictionary<string, object> Data(DisplayEvent e) =>
        e.FormattedValues.Where(v => !v.SuppressDisplay).GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.First().Value);

    private static string[] StackTrace(CommandFailed f) =>
        f.Exception?.StackTrace?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

internal static class ReturnValueElementExtensions
{
    public static ReturnValueElement With(this ReturnValueElement element, Dictionary<string, object> data)
    {
        foreach (var (mime, value) in data) element.Data[mime] = value;
        return element;
    }
}
