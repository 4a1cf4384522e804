using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace AlgoTrading.NotebookRunner;

/// <summary>
/// Writes an executed notebook as nbformat 4.5: the Documents API's Jupyter JSON, then each cell
/// given the <c>id</c> that 4.5 requires (kept when the source had one) and the format version raised.
/// </summary>
internal static class ExecutedNotebookWriter
{
    // Readable output: HTML and source code stay as written instead of \u003C escapes.
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(InteractiveDocument document, string path, KernelInfoCollection kernels)
    {
        using var buffer = new MemoryStream();
        Notebook.Write(document, buffer, kernels);
        var json = JsonNode.Parse(buffer.ToArray())!.AsObject();
        json["nbformat"] = 4;
        json["nbformat_minor"] = 5;
        if (json["cells"] is JsonArray cells)
        {
            for (int i = 0; i < cells.Count; i++)
            {
                if (cells[i] is not JsonObject cell) continue;
                var id = i < document.Elements.Count ? document.Elements[i].Id : null;
                if (cell["id"] is null) cell["id"] = string.IsNullOrEmpty(id) ? $"cell-{i + 1}" : id;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json.ToJsonString(JsonOptions) + "\n");
    }
}
