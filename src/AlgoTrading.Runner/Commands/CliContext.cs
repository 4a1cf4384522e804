using AlgoTrading.Configuration;
using AlgoTrading.Runner.Output;
using Serilog;

namespace AlgoTrading.Runner.Commands;

/// <summary>What every command gets: the project root, its configuration and a logger.</summary>
internal sealed class CliContext(string root, AlgoTradingConfiguration configuration, CommandLog log, bool verbose)
{
    public string Root { get; } = root;
    public AlgoTradingConfiguration Configuration { get; } = configuration;
    /// <summary>The command's logger (set up on first use).</summary>
    public ILogger Log => log.Logger;
    /// <summary>Starts setting the logger up on another thread, for a command that does not log until it ends.</summary>
    public void StartLog() => log.Start();
    public bool Verbose { get; } = verbose;

    /// <summary>A configured path made absolute against the project root.</summary>
    public string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(Root, path);

    /// <summary>
    /// A path from the command line when given (relative to the current directory, as users expect),
    /// else the configured one (relative to the project root, as the configuration is).
    /// </summary>
    public string ResolveArgument(string? argument, string configured) => argument is not null ? Path.GetFullPath(argument) : Resolve(configured);

    /// <summary>
    /// Finds the project root: the folder holding <c>config/</c>, searched upwards from the current
    /// directory; an explicit --config folder's parent wins.
    /// </summary>
    public static (string Root, string ConfigDirectory) Locate(string? configOption)
    {
        if (configOption is not null)
        {
            var dir = Path.GetFullPath(configOption);
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"--config {configOption}: no such folder");
            return (Path.GetDirectoryName(dir.TrimEnd('/')) ?? dir, dir);
        }
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "config", "market_config.yaml")))
                return (d.FullName, Path.Combine(d.FullName, "config"));
        throw new DirectoryNotFoundException("no config/market_config.yaml in this folder or above it; run from the repository or pass --config <folder>");
    }
}
