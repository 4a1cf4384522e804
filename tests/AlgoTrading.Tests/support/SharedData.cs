namespace AlgoTrading.Tests.Support;

/// <summary>
/// Locates <c>../shared/data</c> next to the repository. Tests that need it call <see cref="Path"/>:
/// when the folder is missing they fail under CI (CI=true), where it must be present, and are
/// skipped on a developer machine without it.
/// </summary>
public static class SharedData
{
    private static readonly string? Root = Find();

    private static string? Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = System.IO.Path.Combine(d.FullName, "shared", "data");
            if (d.Name != "shared" && Directory.Exists(candidate) && File.Exists(System.IO.Path.Combine(candidate, "README.md"))) return candidate;
        }
        return null;
    }

    /// <summary>The shared/data folder, or null when it is absent (for code with a synthetic fallback).</summary>
    public static string? RootOrNull => Root;

    /// <summary>The absolute path of <paramref name="relative"/> under shared/data.</summary>
    public static string Path(string relative)
    {
        if (Root is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail("../shared/data is missing; CI must run with the shared data beside the repository");
            Assert.Skip("../shared/data is not present on this machine");
        }
        var path = System.IO.Path.Combine(Root!, relative);
        Assert.True(File.Exists(path), $"expected shared data file {path}");
        return path;
    }

    /// <summary>A market file: <c>Market("forex/oanda/hour/eurusd_hour_quote.csv")</c>.</summary>
    public static string Market(string relative) => Path(System.IO.Path.Combine("market", relative));
}
