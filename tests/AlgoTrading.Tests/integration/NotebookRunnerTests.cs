using System.Diagnostics;
using System.Text.Json.Nodes;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>
/// The headless notebook runner as a real process on small notebooks: outputs mapped to nbformat 4.5,
/// and every kind of bad input (invalid JSON, an unknown language, a package that does not exist, a
/// cell past its timeout) reported as one line naming notebook and cell, with the executed notebook
/// written up to that cell and a non-zero exit. Offline: the folder's NuGet.config lists only an
/// empty local feed.
/// </summary>
public class NotebookRunnerTests
{
    [Fact]
    public void Runs_good_notebooks_and_reports_each_bad_one_in_one_line()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "empty-feed"));
        dir.File("NuGet.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="empty" value="empty-feed" /></packageSources></configuration>
            """);
        dir.File("good.ipynb", Notebook(Code("var answer = 6 * 7;\nConsole.WriteLine($\"answer {answer}\");"), Code("answer + 1")));
        dir.File("broken.ipynb", "{ \"cells\": [ this is not json");
        dir.File("python.ipynb", Notebook(Code("print('hi')", "python"), Code("1")));
        dir.File("missing.ipynb", Notebook(Code("#r \"nuget: AlgoTrading.NoSuchPackage, 9.9.9\""), Code("1")));
        var outDir = Path.Combine(dir.Path, "out");

        var run = Run(dir.Path, "run", dir.Path, "--out", outDir);

        Assert.Equal(1, run.ExitCode);
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(errors, e => e.StartsWith("error: broken.ipynb: not a valid notebook:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e == "error: python.ipynb: cell 2: unknown language 'python' (only C# cells run here)");
        Assert.Contains(errors, e => e.StartsWith("error: missing.ipynb: cell 2: error NU1101: Unable to find package AlgoTrading.NoSuchPackage.", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("good.ipynb"));
        Assert.Matches(@"good\.ipynb\s+2/2\s+[\d.]+\s+passed", run.Out);
        Assert.Matches(@"python\.ipynb\s+0/2\s+[\d.]+\s+FAILED", run.Out);

        var good = Executed(outDir, "good.ipynb");
        Assert.Equal("stream", Output(good, 1)["output_type"]!.GetValue<string>());
        Assert.Equal("answer 42\n", string.Concat(Output(good, 1)["text"]!.AsArray().Select(t => t!.GetValue<string>())));
        var result = Output(good, 2);
        Assert.Equal("execute_result", result["output_type"]!.GetValue<string>());
        Assert.Equal(2, result["execution_count"]!.GetValue<int>());
        Assert.Contains("43", result["data"]!.ToJsonString());

        // Written up to the failing cell: the error is its output, the cells after it did not run.
        foreach (var (name, errorName) in new[] { ("python.ipynb", "UnknownLanguage"), ("missing.ipynb", null) })
        {
            var executed = Executed(outDir, name);
            Assert.Equal("error", Output(executed, 1)["output_type"]!.GetValue<string>());
            if (errorName is not null) Assert.Equal(errorName, Output(executed, 1)["ename"]!.GetValue<string>());
            Assert.Empty(Cells(executed)[2]["outputs"]!.AsArray());
        }
        Assert.False(File.Exists(Path.Combine(outDir, "broken.ipynb")));
    }

    [Fact]
    public void A_cell_past_its_timeout_stops_the_notebook_and_the_output_is_still_reported()
    {
        using var dir = new TempDirectory();
        // The runner warms the compiler up before cell 1, outside the timeout; cell 3 sleeps past it.
        dir.File("slow.ipynb", Notebook(Code("1"), Code("Console.WriteLine(\"before\");\nSystem.Threading.Thread.Sleep(120_000);"), Code("2")));
        var outDir = Path.Combine(dir.Path, "out");

        var run = Run(dir.Path, "run", Path.Combine(dir.Path, "slow.ipynb"), "--out", outDir, "--cell-timeout", "20");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: slow.ipynb: cell 3: timed out after 20 s", run.Error.Trim());
        Assert.Matches(@"slow\.ipynb\s+1/3\s+[\d.]+\s+FAILED", run.Out);   // the runner's console survives the abandoned cell
        var executed = Executed(outDir, "slow.ipynb");
        Assert.Equal("CellTimeout", Output(executed, 2)["ename"]!.GetValue<string>());
        Assert.Empty(Cells(executed)[3]["outputs"]!.AsArray());
    }

    [Fact]
    public void Bad_usage_exits_2()
    {
        using var dir = new TempDirectory();
        var run = Run(dir.Path, "run", dir.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing --out <dir>", run.Error);
        Assert.Equal(2, Run(dir.Path, "run", Path.Combine(dir.Path, "nothing-here"), "--out", "x").ExitCode);
        Assert.Equal(2, Run(dir.Path, "execute").ExitCode);
    }

    // A markdown cell first, so code cells are cells 2, 3, … as an editor numbers them.
    private static string Notebook(params JsonObject[] code)
    {
        var cells = new JsonArray(new JsonObject { ["cell_type"] = "markdown", ["id"] = "md", ["metadata"] = new JsonObject(), ["source"] = "# test" });
        foreach (var c in code) cells.Add(c);
        return new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["language"] = "C#", ["display_name"] = ".NET (C#)" } },
            ["nbformat"] = 4, ["nbformat_minor"] = 5,
        }.ToJsonString();
    }

    private static JsonObject Code(string source, string kernel = "csharp") => new()
    {
        ["cell_type"] = "code", ["id"] = Guid.NewGuid().ToString("N")[..8], ["execution_count"] = null, ["outputs"] = new JsonArray(), ["source"] = source,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel } },
    };

    private static JsonObject Executed(string outDir, string name)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, name)))!.AsObject();
        Assert.Equal(4, notebook["nbformat"]!.GetValue<int>());
        Assert.Equal(5, notebook["nbformat_minor"]!.GetValue<int>());
        Assert.All(Cells(notebook), c => Assert.False(string.IsNullOrEmpty(c["id"]?.GetValue<string>())));
        return notebook;
    }

    private static List<JsonObject> Cells(JsonObject notebook) => notebook["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();

    private static JsonObject Output(JsonObject notebook, int cell) => Cells(notebook)[cell]["outputs"]!.AsArray()[^1]!.AsObject();

    private static Cli.Result Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AlgoTrading.NotebookRunner.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        // A private package folder: the test neither reads nor fills the machine's NuGet cache.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(workingDirectory, "nuget-packages");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(true); throw new TimeoutException("the notebook runner did not finish"); }
        return new Cli.Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
