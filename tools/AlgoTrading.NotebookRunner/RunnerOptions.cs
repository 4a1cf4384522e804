namespace AlgoTrading.NotebookRunner;

/// <summary>The parsed command line: which notebooks, where their executed copies go, and how strict to be.</summary>
internal sealed record RunnerOptions(IReadOnlyList<NotebookPath> Notebooks, string OutDirectory, bool AllowErrors, TimeSpan CellTimeout)
{
    public const string Usage = "usage: run <notebook.ipynb | folder> --out <dir> [--allow-errors] [--cell-timeout <seconds, default 300>]";

    public static bool TryParse(string[] args, out RunnerOptions options, out string error)
    {
        options = null!;
        if (args.Length == 0 || args[0] != "run") { error = "the first argument must be the command 'run'"; return false; }
        string? input = null, output = null;
        bool allowErrors = false;
        double timeoutSeconds = 300;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--allow-errors": allowErrors = true; break;
                case "--cell-timeout" when i + 1 < args.Length:
                    if (!double.TryParse(args[++i], System.Globalization.CultureInfo.InvariantCulture, out timeoutSeconds) || timeoutSeconds <= 0)
                    { error = $"--cell-timeout: '{args[i]}' is not a positive number of seconds"; return false; }
                    break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): error = $"unknown option or missing value: {a}"; return false;
                case var a when input is null: input = a; break;
                case var a: error = $"unexpected argument: {a}"; return false;
            }
        }
        if (input is null) { error = "missing the notebook or folder to run"; return false; }
        if (output is null) { error = "missing --out <dir>"; return false; }
        var notebooks = NotebookPath.Find(input, output);
        if (notebooks is null) { error = $"{input}: no such notebook or folder"; return false; }
        if (notebooks.Count == 0) { error = $"{input}: no .ipynb files"; return false; }
        options = new RunnerOptions(notebooks, Path.GetFullPath(output), allowErrors, TimeSpan.FromSeconds(timeoutSeconds));
        error = "";
        return true;
    }
}

/// <summary>A notebook to run: its full path and the path of its executed copy under the output folder.</summary>
internal sealed record NotebookPath(string Source, string Executed)
{
    /// <summary>The display name: the path relative to the folder given (or the file name).</summary>
    public required string Name { get; init; }

    /// <summary>One notebook, or every notebook under a folder (sorted, checkpoints and the output folder left out); null when the path does not exist.</summary>
    public static List<NotebookPath>? Find(string input, string outDirectory)
    {
        var outFull = Path.GetFullPath(outDirectory);
        if (File.Exists(input))
        {
            var full = Path.GetFullPath(input);
            return [new NotebookPath(full, Path.Combine(outFull, Path.GetFileName(full))) { Name = Path.GetFileName(full) }];
        }
        if (!Directory.Exists(input)) return null;
        var root = Path.GetFullPath(input);
        return Directory.EnumerateFiles(root, "*.ipynb", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.ipynb_checkpoints{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.StartsWith(outFull + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new NotebookPath(f, Path.Combine(outFull, Path.GetRelativePath(root, f))) { Name = Path.GetRelativePath(root, f) })
            .ToList();
    }
}
