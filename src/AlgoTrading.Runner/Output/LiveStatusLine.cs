using AlgoTrading.Live.Runner;

namespace AlgoTrading.Runner.Output;

/// <summary>
/// The live runner's one-line status on a terminal (stderr, rewritten in place at most twice a second):
/// bars, last bar time, equity, positions, orders, fills, rejects. Nothing when output is redirected.
/// </summary>
internal sealed class LiveStatusLine(bool enabled)
{
    private long _last;

    public void Update(LiveSession session)
    {
        if (!enabled || Environment.TickCount64 - _last < 500) return;
        _last = Environment.TickCount64;
        var loop = session.Loop;
        var bar = loop.EquityTime.Count > 0 ? new DateTime(loop.EquityTime[^1], DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm") : "-";
        var line = $"live | bars {loop.Steps:N0} (last {bar}) | equity {session.Core.Portfolio.Equity:N2} | {session.Positions()} | orders {session.Client.Submitted} fills {session.Client.Fills} rejects {session.Client.Rejects}";
        int width = Console.IsErrorRedirected ? 160 : Math.Max(40, Console.WindowWidth - 1);
        Console.Error.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
    }

    public void Clear()
    {
        if (enabled && _last != 0) Console.Error.WriteLine();
    }
}
