using System.Text.Json;
using System.Diagnostics;

namespace AlgoTrading.Tests.Support;

/// <summary>Runs the real <c>algotrading</c> executable (the runner's dll beside the tests) as a process.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, null, args);

    /// <summary>Runs the executable with <paramref name="input"/> on stdin (null leaves stdin alone; "" gives an empty, closed stdin).</summary>
    public static Result RunWithInput(string workingDirectory, string? input, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AlgoTrading.Runner.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        if (input is not null) { process.StandardInput.Write(input); process.StandardInput.Close(); }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) { process.Kill(true); throw new TimeoutException($"algotrading {string.Join(' ', args)} did not finish"); }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A scratch project folder holding a copy of the repository's config/.</summary>
    /// <summary>
    /// Trains a model through the real executable on the shared EURUSD daily quotes (classic features, 5-bar
    /// direction label) into <paramref name="store"/>, with <paramref name="model"/> naming the model and its
    /// settings; asserts it succeeded and returns the saved model's metadata (the <c>--json</c> output).
    /// </summary>
    public static JsonElement Train(string workingDirectory, string store, params string[] model)
    {
        string[] args = ["train", "--data", SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"), "--features", "classic",
            "--label", "direction:horizon=5,threshold=0", .. model, "--out", store, "--json"];
        var train = Run(workingDirectory, args);
        Assert.True(train.ExitCode == 0, train.Error);
        using var json = JsonDocument.Parse(train.Out);
        return json.RootElement.Clone();
    }

    public static TempDirectory Project()
    {
        var dir = new TempDirectory();
        var config = Unit.ConfigurationTests.FindConfig();
        Directory.CreateDirectory(Path.Combine(dir.Path, "config"));
        foreach (var file in Directory.GetFiles(config, "*.yaml")) File.Copy(file, Path.Combine(dir.Path, "config", Path.GetFileName(file)));
        return dir;
    }
}
