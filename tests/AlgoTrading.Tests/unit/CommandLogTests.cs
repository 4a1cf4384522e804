using AlgoTrading.Runner.Output;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace AlgoTrading.Tests.Unit;

/// <summary>The command logger's deferred set-up: nothing before it is asked for, the first line always first and once.</summary>
public class CommandLogTests
{
    private sealed class Collect : ILogEventSink
    {
        public List<string> Lines { get; } = [];
        public void Emit(LogEvent logEvent) { lock (Lines) Lines.Add(logEvent.RenderMessage()); }
    }

    private static (CommandLog Log, Collect Sink, Func<int> Created) Make()
    {
        var sink = new Collect();
        int created = 0;
        var log = new CommandLog(() => { Interlocked.Increment(ref created); return new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(); },
            first => first.Information("algotrading {Command}", "backtest"));
        return (log, sink, () => created);
    }

    [Fact]
    public void Set_up_on_another_thread_when_started_and_the_first_line_comes_first()
    {
        var (log, sink, created) = Make();
        Assert.Equal(0, created());
        log.Start();
        log.Start();
        log.Logger.Information("second");
        log.Dispose();
        Assert.Equal(1, created());
        Assert.Equal(["algotrading \"backtest\"", "second"], sink.Lines);
    }

    [Fact]
    public void A_logger_never_asked_for_still_logs_its_first_line_at_the_end()
    {
        var (log, sink, created) = Make();
        Assert.Equal(0, created());
        log.Dispose();
        Assert.Equal(1, created());
        Assert.Equal(["algotrading \"backtest\""], sink.Lines);
    }

    [Fact]
    public void A_failed_set_up_fails_where_the_logger_is_used_and_at_the_end()
    {
        int attempts = 0;
        var log = new CommandLog(() => { attempts++; throw new UnauthorizedAccessException("logs folder"); }, _ => { });
        Assert.Throws<UnauthorizedAccessException>(() => log.Logger);
        Assert.Throws<UnauthorizedAccessException>(log.Dispose);
        Assert.Equal(1, attempts); // not set up twice
    }
}
