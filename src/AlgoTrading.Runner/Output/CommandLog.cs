using Serilog.Core;

namespace AlgoTrading.Runner.Output;

/// <summary>
/// A command's logger, set up on first use (on the caller's thread) or when <see cref="Start"/> asks for it on another
/// thread, and disposed (flushed) at the end. The backtest command logs nothing but its first line, so it sets the
/// sinks up while its engine runs on one core and the other has time, instead of on the start-up path where they
/// took ~30 ms of CPU from the data load. Whichever way it starts, the first line (<paramref name="firstLine"/>) is
/// written first.
/// </summary>
internal sealed class CommandLog(Func<Logger> create, Action<Logger> firstLine) : IDisposable
{
    private readonly object _gate = new();
    private Task<Logger>? _logger;

    /// <summary>The logger; sets it up now, or waits for the set-up <see cref="Start"/> began.</summary>
    public Logger Logger
    {
        get
        {
            lock (_gate)
            {
                if (_logger is null)
                {
                    try { _logger = Task.FromResult(Create()); }
                    catch (Exception e) { _logger = Task.FromException<Logger>(e); }
                }
            }
            return _logger.GetAwaiter().GetResult();
        }
    }

    /// <summary>Starts setting the logger up on the thread pool, unless it is set up or being set up already.</summary>
    public void Start()
    {
        lock (_gate) _logger ??= Task.Run(Create);
    }

    /// <summary>Flushes and closes the sinks; a logger never used is set up first, so the command's first line is always logged.</summary>
    /// <exception cref="Exception">Setting the sinks up failed (e.g. the logs folder cannot be created).</exception>
    public void Dispose() => Logger.Dispose();

    private Logger Create()
    {
        var logger = create();
        firstLine(logger);
        return logger;
    }
}
