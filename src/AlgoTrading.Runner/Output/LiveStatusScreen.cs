using System.Globalization;
using AlgoTrading.Live.Monitoring;
using AlgoTrading.Live.Runner;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AlgoTrading.Runner.Output;

/// <summary>
/// The live runner's one-screen status on a terminal (Spectre.Console live display, redrawn in place):
/// each instrument's last bid/ask, position, average price and unrealised P&amp;L; equity, orders, fills
/// and rejects; connection and price age; every circuit breaker; the latest alerts. It is redrawn from the
/// loop's after-step hook at most every <c>intervalMs</c> (a time check first, so steps in between
/// allocate nothing). Disabled (redirected output, <c>--json</c>, no ANSI), it draws nothing and the run
/// keeps its plain log lines.
/// </summary>
internal sealed class LiveStatusScreen(IAnsiConsole console, LiveMonitor monitor, bool enabled, int intervalMs = 250)
{
    private long _next; // Environment.TickCount64 at which the next frame may be drawn
    private LiveDisplayContext? _display;

    /// <summary>Whether the real console should get the screen: stdout is a terminal with ANSI support and stdout is not for JSON.</summary>
    public static bool Wanted(bool json) => Wanted(json, Console.IsOutputRedirected, AnsiConsole.Profile.Capabilities.Ansi);

    /// <summary>The rule of <see cref="Wanted(bool)"/>: a screen only on an ANSI terminal, and never over JSON output.</summary>
    internal static bool Wanted(bool json, bool outputRedirected, bool ansi) => !json && !outputRedirected && ansi;

    /// <summary>Whether it draws.</summary>
    public bool Enabled => enabled;

    /// <summary>Runs <paramref name="run"/> inside the live display (or plainly when disabled); the last frame stays on screen.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> run)
    {
        if (!enabled) return await run();
        T result = default!;
        await console.Live(new Text("live: waiting for the first bar")).AutoClear(false).StartAsync(async context =>
        {
            _display = context;
            try { result = await run(); }
            finally
            {
                Draw();
                _display = null;
            }
        });
        return result;
    }

    /// <summary>The after-step hook: redraws when the last frame is older than the interval.</summary>
    public void Update(LiveSession session)
    {
        if (!enabled) return;
        long now = Environment.TickCount64;
        if (now < _next) return;
        _next = now + intervalMs;
        Draw();
    }

    private void Draw()
    {
        if (monitor.Session is null) return;
        var frame = Build(monitor);
        if (_display is { } display)
        {
            display.UpdateTarget(frame);
            display.Refresh();
        }
        else console.Write(frame);
    }

    /// <summary>One frame of the screen from <paramref name="monitor"/> (attached to a session).</summary>
    internal static IRenderable Build(LiveMonitor monitor)
    {
        var session = monitor.Session ?? throw new InvalidOperationException("the monitor is not attached to a session yet");
        var core = session.Core;
        var loop = session.Loop;
        var health = monitor.Health();
        var c = CultureInfo.InvariantCulture;

        string lastBar = loop.EquityTime.Count > 0 ? new DateTime(loop.EquityTime[^1], DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm", c) : "-";
        string state = monitor.StopReason is { } stop ? $"[yellow]stopped: {Markup.Escape(stop)}[/]" : health.Healthy ? "[green]healthy[/]" : "[red]unhealthy[/]";
        string age = double.IsFinite(health.LastPriceAgeSeconds) ? $"{health.LastPriceAgeSeconds:F1} s" : "-";
        var header = new Markup($"[bold]AlgoTrading live[/]  {state}  |  {(health.Connected ? "[green]connected[/]" : "[red]not connected[/]")}, last price {age} ago  |  "
            + $"bars {loop.Steps.ToString("N0", c)} (last {lastBar} UTC)  |  quotes {loop.Prices.ToString("N0", c)}");

        var instruments = new Table().Border(TableBorder.Rounded).Title("instruments")
            .AddColumns("instrument", "bid", "ask", "position", "avg price", "unrealised P&L");
        for (int i = 0; i < monitor.Instruments.Count; i++)
        {
            var spec = monitor.Instruments[i];
            string format = "F" + spec.DisplayPrecision.ToString(c);
            double units = core.Portfolio.UnitsOf(spec.Symbol), average = core.Portfolio.AveragePriceOf(spec.Symbol), pnl = monitor.UnrealisedAt(i);
            instruments.AddRow(Markup.Escape(spec.Symbol), Price(monitor.LastBid(i), format), Price(monitor.LastAsk(i), format),
                units.ToString("#,0.##;-#,0.##;flat", c), Price(average, format), Money(pnl));
        }

        var account = new Table().Border(TableBorder.Rounded).Title("account").AddColumns("equity", "unrealised", "orders", "fills", "rejects");
        account.AddRow(core.Portfolio.Equity.ToString("N2", c), Money(core.Portfolio.UnrealisedPnl), session.Client.Submitted.ToString(c), session.Client.Fills.ToString(c),
            session.Client.Rejects.ToString(c));

        var breakers = new Table().Border(TableBorder.Rounded).Title("circuit breakers").AddColumns("breaker", "state");
        foreach (var b in monitor.Breakers)
            breakers.AddRow(Markup.Escape(b.Name), b.Tripped ? $"[red]TRIPPED[/] {Markup.Escape(b.Reason ?? "")}" : "[green]ok[/]");
        if (monitor.Breakers.Count == 0) breakers.AddRow("(none configured)", "");

        var alerts = new Table().Border(TableBorder.Rounded).Title("latest alerts").AddColumns("time (UTC)", "kind", "alert");
        foreach (var a in monitor.RecentAlerts().Reverse())
            alerts.AddRow(a.TimeUtc.ToString("HH:mm:ss", c), a.Kind.ToString(), Markup.Escape(a.Title));
        if (alerts.Rows.Count == 0) alerts.AddRow("-", "", "none");

        var problems = health.Problems.Count == 0 ? new Text("") : (IRenderable)new Markup("[red]" + Markup.Escape(string.Join("; ", health.Problems)) + "[/]");
        return new Rows(header, problems, instruments, new Columns(account, breakers) { Expand = false }, alerts);
    }

    private static string Price(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Money(double value) => !double.IsFinite(value) ? "-"
        : value < 0 ? $"[red]{value.ToString("N2", CultureInfo.InvariantCulture)}[/]" : value.ToString("N2", CultureInfo.InvariantCulture);
}
