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
    public static TempDirectory Project()
    {
        var dir = new TempDirectory();
        var config = Unit.ConfigurationTests.FindConfig();
        Directory.CreateDirectory(Path.Combine(dir.Path, "config"));
        foreach (var file in Directory.GetFiles(config, "*.yaml")) File.Copy(file, Path.Combine(dir.Path, "config", Path.GetFileName(file)));
        return dir;
    }
}
