using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using AlgoTrading.Configuration;
using AlgoTrading.Runner.Output;

namespace AlgoTrading.Runner.Commands;

/// <summary>
/// The <c>algotrading</c> command tree. Commands only parse arguments and call the library; every
/// failure is one line on stderr (the stack trace only with --verbose) and a non-zero exit code:
/// 1 for bad input or data, 2 for bad usage (see <see cref="CliErrors"/>).
/// </summary>
internal static class AlgoTradingCli
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Show debug logs and stack traces", Recursive = true };
    public static readonly Option<string?> ConfigDirectory = new("--config") { Description = "Folder with system_config.yaml, market_config.yaml, model_config.yaml (default: ./config)", Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("AlgoTrading: research-first algorithmic trading for forex and stock indices");
        root.Add(Verbose);
        root.Add(ConfigDirectory);
        root.Add(DemoCommand.Build());
        var data = DataCommands.Build();
        data.Add(DataDownloadCommand.Build());
        root.Add(data);
        root.Add(BrokerCommands.Build());
        root.Add(FeatureCommands.Build());
        root.Add(BacktestCommand.Build());
        root.Add(TrainCommand.Build());
        root.Add(ModelCommands.Build());
        root.Add(LiveCommand.Build());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a parse error is one line and exit 2, like any other usage error.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        BacktestCommand.PrefetchBeforeParsing(args);
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
            return CliErrors.Usage(parse.Errors.Select(e => e.Message), CommandPath(parse.CommandResult));
        return await parse.InvokeAsync();
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? r = command; r is CommandResult c; r = c.Parent) names.Insert(0, c.Command is RootCommand ? "algotrading" : c.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>
    /// Wraps a command body with configuration loading, logging and one-line error reporting. <paramref name="models"/>:
    /// register the model packages first (<see cref="ModelPackages"/>); a command that needs them only for some
    /// arguments passes false and registers them itself (the Torch package's check costs a one-shot backtest ~30 ms).
    /// <paramref name="deferLog"/>: the logger is set up when the body first logs or calls <see cref="CliContext.StartLog"/>
    /// (or at the end), not before the body starts.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Run(Func<CliContext, ParseResult, CancellationToken, Task<int>> body, bool models = true,
        bool deferLog = false) =>
        async (parse, cancellationToken) =>
        {
            bool verbose = parse.GetValue(Verbose);
            try
            {
                if (models) ModelPackages.Register(); // model kinds for train, models and the model strategies
                var (root, configDir) = CliContext.Locate(parse.GetValue(ConfigDirectory));
                var configuration = AlgoTradingConfiguration.Load(configDir);
                var system = configuration.System;
                var logsDir = Path.IsPathRooted(system.Paths.Logs) ? system.Paths.Logs : Path.Combine(root, system.Paths.Logs);
                string command = parse.CommandResult.Command.Name;
                using var log = new CommandLog(() => Logging.Create(logsDir, system.Logging.Level, system.Logging.File, verbose),
                    first => first.Information("algotrading {Command}", command));
                if (!deferLog) _ = log.Logger;
                var context = new CliContext(root, configuration, log, verbose);
                return await body(context, parse, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var (code, line) = CliErrors.Classify(e);
                Console.Error.WriteLine(line);
                if (verbose) Console.Error.WriteLine(e);
                return code;
            }
        };
}
