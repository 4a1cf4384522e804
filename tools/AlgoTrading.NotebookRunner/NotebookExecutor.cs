using System.Diagnostics;
using System.Text.Json;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace AlgoTrading.NotebookRunner;

/// <summary>
/// Runs one notebook's C# cells in order in a fresh kernel, with the notebook's folder as working
/// directory, and writes the executed notebook. A failing cell (compile error, exception, unknown
/// language, timeout) stops the notebook unless errors are allowed; the executed copy is written
/// either way, with the error as the failing cell's output.
/// </summary>
internal static class NotebookExecutor
{
    private static readonly KernelInfoCollection Kernels = CreateKernelInfos();

    // The kernel redirects Console while a submission runs and restores it when the submission ends;
    // after a timeout it never ends, so the runner puts its own writers back.
    private static readonly TextWriter RunnerOut = Console.Out, RunnerError = Console.Error;

    public static async Task<NotebookResult> RunAsync(NotebookPath notebook, RunnerOptions options)
    {
        var clock = Stopwatch.StartNew();
        InteractiveDocument document;
        try
        {
            await using var stream = File.OpenRead(notebook.Source);
            document = Notebook.Read(stream, Kernels);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or IOException)
        {
            return Fail(notebook, 0, 0, clock, $"not a valid notebook: {FirstLine(e.Message)}");
        }

        var cells = document.Elements;
        int codeCells = cells.Count(c => !IsMarkdown(c)), run = 0, executionCount = 0;
        string? firstError = null;
        var previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetDirectoryName(notebook.Source)!);
        Console.WriteLine($"{notebook.Name}: {codeCells} code cells");
        // Formatters are process-wide: each notebook starts from the defaults, as in its own kernel process.
        Formatter.ResetToDefault();
        var kernel = KernelFactory.Create();
        bool timedOut = false;
        try
        {
            // The first submission loads and warms the compiler (seconds on a busy machine): that happens
            // here, outside every cell's timeout, so a timeout measures the cell's own work.
            await kernel.SendAsync(new SubmitCode("0"));
            for (int i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                if (IsMarkdown(cell)) continue;
                cell.Outputs.Clear();
                cell.ExecutionOrder = 0;
                string? error = IsCSharp(cell)
                    ? await RunCellAsync(kernel, cell, i + 1, ++executionCount, options.CellTimeout)
                    : $"unknown language '{cell.KernelName}' (only C# cells run here)";
                if (error is null) { run++; continue; }
                if (!IsCSharp(cell)) cell.Outputs.Add(new ErrorElement(error, "UnknownLanguage", []));
                var line = $"{notebook.Name}: cell {i + 1}: {error}";
                Console.Error.WriteLine($"error: {line}");
                firstError ??= line;
                timedOut = error.StartsWith(TimeoutPrefix, StringComparison.Ordinal);
                if (!options.AllowErrors || timedOut) break;
                run++;
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            // A kernel still running a timed-out cell is left alone rather than disposed under it.
            if (!timedOut) kernel.Dispose();
            RestoreConsole();
        }

        ExecutedNotebookWriter.Write(document, notebook.Executed, Kernels);
        var status = firstError is null ? NotebookStatus.Passed
            : options.AllowErrors && run == codeCells ? NotebookStatus.CellErrors : NotebookStatus.Failed;
        Console.WriteLine($"{notebook.Name}: {status.ToString().ToLowerInvariant()} in {clock.Elapsed.TotalSeconds:F1} s -> {notebook.Executed}");
        return new NotebookResult(notebook.Name, run, codeCells, clock.Elapsed.TotalSeconds, status, firstError);
    }

    private const string TimeoutPrefix = "timed out";

    /// <summary>Runs one cell; returns null on success or the one-line error.</summary>
    private static async Task<string?> RunCellAsync(Kernel kernel, InteractiveDocumentElement cell, int position, int executionCount, TimeSpan timeout)
    {
        cell.ExecutionOrder = executionCount;
        var outputs = new CellOutputs(cell, executionCount);
        using var subscription = kernel.KernelEvents.Subscribe(outputs.OnEvent);
        var clock = Stopwatch.StartNew();
        using var cancellation = new CancellationTokenSource();
        var submission = kernel.SendAsync(new SubmitCode(cell.Contents), cancellation.Token);
        var finished = await Task.WhenAny(submission, Task.Delay(timeout));
        if (finished != submission)
        {
            // C# code is not interrupted by cancellation (a loop or a sleep runs on): the cell is abandoned
            // on its thread pool thread, the notebook stops here, the next one gets a fresh kernel, and
            // the process exit ends the thread. The kernel still holds Console: take it back first.
            cancellation.Cancel();
            RestoreConsole();
            var message = $"{TimeoutPrefix} after {timeout.TotalSeconds:0.#} s";
            cell.Outputs.Add(new ErrorElement(message, "CellTimeout", []));
            return message;
        }
        var result = await submission;
        var error = result.Events.OfType<CommandFailed>().Select(f => FirstLine(f.Message)).FirstOrDefault() ?? outputs.Error;
        Console.WriteLine($"  cell {position} {(error is null ? "done" : "failed")} in {clock.Elapsed.TotalSeconds:F1} s");
        return error;
    }

    private static void RestoreConsole()
    {
        Console.SetOut(RunnerOut);
        Console.SetError(RunnerError);
    }

    private static NotebookResult Fail(NotebookPath notebook, int run, int cells, Stopwatch clock, string error)
    {
        var line = $"{notebook.Name}: {error}";
        Console.Error.WriteLine($"error: {line}");
        return new NotebookResult(notebook.Name, run, cells, clock.Elapsed.TotalSeconds, NotebookStatus.Failed, line);
    }

    private static bool IsMarkdown(InteractiveDocumentElement cell) => cell.KernelName is "markdown" or "md";

    private static bool IsCSharp(InteractiveDocumentElement cell) => cell.KernelName is "csharp" or "C#" or "c#" or "cs";

    internal static string FirstLine(string text)
    {
        var trimmed = text.Trim();
        int end = trimmed.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? trimmed : trimmed[..end];
        // A failed restore names .NET Interactive's scratch project first; the NuGet error is what matters.
        int nuget = line.IndexOf(" : error NU", StringComparison.Ordinal);
        return nuget < 0 ? line : line[(nuget + 3)..];
    }

    private static KernelInfoCollection CreateKernelInfos()
    {
        var kernels = new KernelInfoCollection
        {
            new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#", ["c#", "C#", "cs"]),
            new Microsoft.DotNet.Interactive.Documents.KernelInfo("markdown", "Markdown", ["md"]),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }
}
