using System.Reflection;

namespace AlgoTrading.Backtesting;

/// <summary>
/// The version of the library that produced a run: <c>0.1.0+&lt;git commit&gt;</c> when it was built from a
/// git checkout (the build stamps the commit into the assembly; see Directory.Build.targets), else <c>0.1.0</c>.
/// </summary>
public static class CodeVersion
{
    /// <summary>The library's informational version.</summary>
    public static string Library { get; } =
        typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CodeVersion).Assembly.GetName().Version?.ToString() ?? "unknown";
}
