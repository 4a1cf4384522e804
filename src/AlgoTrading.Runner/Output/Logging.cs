using Serilog;
using Serilog.Events;

namespace AlgoTrading.Runner.Output;

/// <summary>
/// Serilog to the console (stderr, warnings and above, or everything with --verbose) and to a daily
/// file under the configured logs folder. Secrets are never passed to the logger: configuration
/// holds them as <see cref="AlgoTrading.Domain.Secret"/>, which renders as ***.
/// </summary>
internal static class Logging
{
    public static Serilog.Core.Logger Create(string logsDirectory, AlgoTrading.Configuration.LogLevel level, bool toFile, bool verbose)
    {
        var minimum = level switch
        {
            AlgoTrading.Configuration.LogLevel.Debug => LogEventLevel.Debug,
            AlgoTrading.Configuration.LogLevel.Warning => LogEventLevel.Warning,
            AlgoTrading.Configuration.LogLevel.Error => LogEventLevel.Error,
            _ => LogEventLevel.Information,
        };
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : minimum)
            .WriteTo.Console(restrictedToMinimumLevel: verbose ? LogEventLevel.Debug : LogEventLevel.Warning,
                standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}");
        if (toFile)
        {
            Directory.CreateDirectory(logsDirectory);
            config = config.WriteTo.File(Path.Combine(logsDirectory, "algotrading-.log"), rollingInterval: RollingInterval.Day,
                outputTemplate: "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} [{Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
        return config.CreateLogger();
    }
}
