using AlgoTrading.Configuration;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;

namespace AlgoTrading.Runner.Commands;

/// <summary>
/// The one place that turns a failure into what the user sees: a single line on stderr and an exit
/// code. Exit 1: the input data or the configuration is wrong (or a file cannot be read or written);
/// exit 2: the command line is wrong (unknown option value, bad argument). Library messages already
/// name file, line and field (<see cref="MarketDataFormatException"/>, <see cref="DataValidationException"/>)
/// or file, line and key (<see cref="ConfigurationException"/>); nothing else is added to them.
/// </summary>
internal static class CliErrors
{
    /// <summary>Bad data, bad configuration, unreadable or unwritable files.</summary>
    public const int BadInput = 1;
    /// <summary>Bad usage: options or arguments the command cannot accept.</summary>
    public const int BadUsage = 2;

    /// <summary>The exit code and the one line (starting <c>error: </c>) for <paramref name="failure"/>.</summary>
    public static (int ExitCode, string Line) Classify(Exception failure)
    {
        var e = Unwrap(failure);
        var (code, text) = e switch
        {
            MarketDataFormatException or DataValidationException or ConfigurationException or Models.ModelInputException => (BadInput, e.Message),
            ArgumentException a => (BadUsage, a.ParamName is null ? a.Message : a.Message.Replace($" (Parameter '{a.ParamName}')", "")),
            FormatException => (BadUsage, e.Message),
            IOException or UnauthorizedAccessException or InvalidOperationException => (BadInput, e.Message),
            _ => (BadInput, $"internal error ({e.GetType().Name}): {e.Message}; rerun with --verbose for the details"),
        };
        return (code, "error: " + OneLine(text));
    }

    /// <summary>Writes a parse error (bad usage) as one line; returns <see cref="BadUsage"/>.</summary>
    public static int Usage(IEnumerable<string> problems, string command)
    {
        Console.Error.WriteLine($"error: {OneLine(string.Join("; ", problems))} (see {command} --help)");
        return BadUsage;
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
            else if (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
            else return e;
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
