using AlgoTrading.NotebookRunner;

// dotnet run --project tools/AlgoTrading.NotebookRunner -- run <notebook or folder> --out <dir> [--allow-errors] [--cell-timeout 300]
// Exit codes: 0 every cell ran, 1 a notebook failed (bad JSON, unknown language, cell error, timeout), 2 bad usage.
if (!RunnerOptions.TryParse(args, out var options, out var usageError))
{
    Console.Error.WriteLine($"error: {usageError}");
    Console.Error.WriteLine(RunnerOptions.Usage);
    return 2;
}
var results = new List<NotebookResult>();
foreach (var notebook in options.Notebooks)
    results.Add(await NotebookExecutor.RunAsync(notebook, options));
Console.WriteLine();
Console.Write(NotebookResult.SummaryTable(results));
return results.All(r => r.Succeeded || (options.AllowErrors && r.Status == NotebookStatus.CellErrors)) ? 0 : 1;
