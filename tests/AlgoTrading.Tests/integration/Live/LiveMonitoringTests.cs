using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AlgoTrading.Configuration;
using AlgoTrading.Live.Monitoring;
using AlgoTrading.Live.Runner;
using AlgoTrading.Runner.Output;
using AlgoTrading.Tests.Support;
using Spectre.Console.Testing;

namespace AlgoTrading.Tests.Integration.Live;

/// <summary>
/// Monitoring of a live run, on paper replays of synthetic EUR_USD, GBP_USD and EUR_GBP quotes (no shared
/// data needed): what <c>/metrics</c> exports equals the run's own result (equity, orders, fills, rejects,
/// exposure per currency recomputed from the final positions and quotes, breaker states); <c>/healthz</c>
/// turns unhealthy on stale prices, a lost stream, a tripped breaker and a stopped run, and healthy again
/// when the cause goes; the status screen renders the run and renders nothing when disabled.
/// </summary>
public sealed class LiveMonitoringTests : IDisposable
{
    private static readonly string[] Symbols = ["EUR_USD", "GBP_USD", "EUR_GBP"];
    // A Wednesday, 01:00 UTC: FX is open, and 600 one-minute bars stay inside one trading day (it ends 22:00 UTC).
    private static readonly DateTime Start = new(2024, 1, 3, 1, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Metrics_scraped_after_a_paper_replay_equal_the_runs_own_result()
    {
        var (files, lastMid, _) = WriteTicks();
        var monitor = new LiveMonitor();
        var summary = await RunAsync(files, monitor, "risk: { max_orders_per_window: 1000, max_drawdown: 0.5 }\n");
        Assert.True(summary.OrdersSubmitted > 10, $"the replay should trade ({summary.OrdersSubmitted} orders)");

        await using var server = MonitoringServer.Start(0, monitor.Metrics, monitor.Health);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };
        var text = await http.GetStringAsync("/metrics");

        Assert.Equal(summary.Equity, Value(text, "algotrading_equity"), 6);
        Assert.Equal(summary.OrdersSubmitted, Value(text, "algotrading_orders_submitted_total"));
        Assert.Equal(summary.Fills, Value(text, "algotrading_fills_total"));
        Assert.Equal(summary.Rejects, Sum(text, "algotrading_rejects_total"));
        Assert.True(Value(text, "algotrading_price_to_order_seconds_count") > 0);

        // Exposure per currency, recomputed here from the run's final positions and the last quotes:
        // base +units·mid·rate, quote −units·mid·rate, GBP converted to USD at GBP_USD's mid.
        double Units(string s) => summary.Positions.GetValueOrDefault(s);
        double gbpUsd = lastMid["GBP_USD"];
        double eurUsdValue = Units("EUR_USD") * lastMid["EUR_USD"], eurGbpValue = Units("EUR_GBP") * lastMid["EUR_GBP"] * gbpUsd, gbpUsdValue = Units("GBP_USD") * gbpUsd;
        Assert.True(Units("EUR_USD") != 0 || Units("EUR_GBP") != 0, "the run should end holding EUR through one of its pairs");
        Assert.Equal(eurUsdValue + eurGbpValue, Value(text, "algotrading_open_exposure{currency=\"EUR\"}"), 6);
        Assert.Equal(gbpUsdValue - eurGbpValue, Value(text, "algotrading_open_exposure{currency=\"GBP\"}"), 6);
        Assert.DoesNotContain("currency=\"USD\"", text); // the account currency carries no currency risk

        // One gauge per configured breaker, each equal to the run's own breaker state.
        var breakers = monitor.Session!.Core.Risk.Breakers;
        Assert.Equal(2, breakers.Count);
        foreach (var b in breakers) Assert.Equal(b.Tripped ? 1 : 0, Value(text, $"algotrading_breaker_tripped{{breaker=\"{b.Name}\"}}"));
    }

    [Fact]
    public void Exposure_per_currency_adds_EUR_for_EUR_USD_long_and_EUR_GBP_long()
    {
        var book = new ExposureSnapshot("USD");
        book.Add(new InstrumentExposure("EUR_USD", null, "EUR", "USD", 10_000, 0, 1.10, 1, 0.05));
        book.Add(new InstrumentExposure("EUR_GBP", null, "EUR", "GBP", 10_000, 0, 0.85, 1.30, 0.05));
        Assert.Equal(10_000 * 1.10 + 10_000 * 0.85 * 1.30, book.ExposureTo("EUR"), 9);
        Assert.Equal(-10_000 * 0.85 * 1.30, book.ExposureTo("GBP"), 9);
        Assert.Equal(0, book.ExposureTo("JPY"));
    }

    [Fact]
    public async Task Healthz_is_healthy_while_prices_flow_and_unhealthy_on_stale_prices_a_lost_stream_a_tripped_breaker_and_a_stop()
    {
        var (files, _, _) = WriteTicks();
        var clock = new ManualClock(Start.AddHours(10)); // a weekday hour: the FX session is open
        var monitor = new LiveMonitor(options: new LiveMonitorOptions { MaxSilenceSeconds = 60 }, time: clock);
        // During the run: the runner's own server (--metrics-port); after it, a server on the same monitor.
        int port = FreePort();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var seen = new List<(int Status, string Body)>();
        (int, string) Get()
        {
            using var r = http.GetAsync("/healthz").GetAwaiter().GetResult();
            return ((int)r.StatusCode, r.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        }
        bool probed = false;
        void Probe(LiveSession _)
        {
            if (probed) return;
            probed = true;
            seen.Add(Get());                                 // 0: prices flowing
            clock.Advance(TimeSpan.FromSeconds(61));
            seen.Add(Get());                                 // 1: silent for 61 s
            clock.Advance(TimeSpan.FromSeconds(-61));
            monitor.StreamLost("transactions", "stream cut by the test");
            seen.Add(Get());                                 // 2: down, but within the threshold
            clock.Advance(TimeSpan.FromSeconds(30));
            monitor.OnPrice(new LivePrice(0, clock.GetUtcNow().UtcTicks, 1.1, 1.1002)); // prices still flow
            clock.Advance(TimeSpan.FromSeconds(45));
            seen.Add(Get());                                 // 3: down for 75 s
            monitor.StreamRestored("transactions");
            clock.Advance(TimeSpan.FromSeconds(-75));
            seen.Add(Get());                                 // 4: back
        }
        var summary = await RunAsync(files, monitor, "risk: { max_daily_loss: 0.000001 }\n", Probe, port);
        Assert.Equal(port, summary.MetricsPort);
        await using var server = MonitoringServer.Start(0, monitor.Metrics, monitor.Health);
        http.Dispose();
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };

        Assert.True(probed);
        Assert.Equal(200, seen[0].Status);
        Assert.Equal("ok", Json(seen[0].Body).GetProperty("status").GetString());
        Assert.Equal(503, seen[1].Status);
        Assert.Contains("last price 61 s old (limit 60 s)", Problems(seen[1].Body));
        Assert.Equal(200, seen[2].Status);
        Assert.False(Json(seen[2].Body).GetProperty("connected").GetBoolean());
        Assert.Equal(503, seen[3].Status);
        Assert.Contains("transactions stream disconnected for 75 s (limit 60 s): stream cut by the test", Problems(seen[3].Body));
        Assert.Equal(200, seen[4].Status);

        // After the run: the daily-loss breaker tripped on the first loss, and the run has stopped.
        var breaker = Assert.Single(monitor.Session!.Core.Risk.Breakers);
        Assert.True(breaker.Tripped, "a daily-loss limit of 0.0001 % should trip on the first losing bar");
        var (status, body) = Get();
        Assert.Equal(503, status);
        var problems = Problems(body);
        Assert.Contains($"breaker max_daily_loss tripped: {breaker.Reason}", problems);
        Assert.Contains($"run stopped: {summary.StopReason}", problems);
        var metrics = await http.GetStringAsync("/metrics");
        Assert.Equal(1, Value(metrics, "algotrading_breaker_tripped{breaker=\"max_daily_loss\"}"));
        Assert.Equal(1, Value(metrics, "algotrading_reconnects_total{stream=\"transactions\"}"));
    }

    [Fact]
    public async Task The_status_screen_shows_the_run_and_draws_nothing_when_disabled()
    {
        var (files, _, lastBid) = WriteTicks();
        var monitor = new LiveMonitor();
        var shown = new TestConsole().Width(160);
        var hidden = new TestConsole().Width(160);
        var screen = new LiveStatusScreen(shown, monitor, enabled: true, intervalMs: 0);
        var off = new LiveStatusScreen(hidden, monitor, enabled: false, intervalMs: 0);
        var summary = await screen.RunAsync(() => RunAsync(files, monitor, "", s => { screen.Update(s); off.Update(s); }));
        await off.RunAsync(() => Task.FromResult(0));

        Assert.Equal("", hidden.Output);
        var frame = new TestConsole().Width(160);
        frame.Write(LiveStatusScreen.Build(monitor));
        var text = frame.Output;
        foreach (var symbol in Symbols) Assert.Contains(symbol, text);
        Assert.Contains(summary.Equity.ToString("N2", CultureInfo.InvariantCulture), text);
        Assert.Contains($"run stopped: {summary.StopReason}", text);
        Assert.Contains(lastBid["EUR_USD"].ToString("F5", CultureInfo.InvariantCulture), text); // the last EUR_USD quote
        Assert.Matches(new Regex($@"\b{summary.OrdersSubmitted}\b.*\b{summary.Fills}\b"), text);
        Assert.Contains("Fill", text); // the latest alerts are fills
        // Between frames the after-step hook allocates nothing: one time check.
        var throttled = new LiveStatusScreen(new TestConsole(), monitor, enabled: true, intervalMs: 3_600_000);
        throttled.Update(monitor.Session!); // the first frame
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) throttled.Update(monitor.Session!);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        int frames = Regex.Count(shown.Output, "AlgoTrading live");
        Assert.True(frames > 10, $"the live display should redraw during the run ({frames} frames for {summary.Bars} bars)");
    }

    [Fact]
    public void The_screen_is_drawn_only_on_an_ANSI_terminal_without_json_and_a_redirected_run_prints_plain_lines()
    {
        Assert.True(LiveStatusScreen.Wanted(json: false, outputRedirected: false, ansi: true));
        Assert.False(LiveStatusScreen.Wanted(json: false, outputRedirected: true, ansi: true));
        Assert.False(LiveStatusScreen.Wanted(json: true, outputRedirected: false, ansi: true));
        Assert.False(LiveStatusScreen.Wanted(json: false, outputRedirected: false, ansi: false));

        // The real command with its output captured (redirected): the summary line, no screen.
        var (files, _, _) = WriteTicks();
        using var project = Cli.Project();
        string[] replay = [.. files.SelectMany(f => new[] { "--replay", f })];
        var run = Cli.Run(project.Path, ["live", "--broker", "paper", .. replay, .. Symbols.SelectMany(s => new[] { "--instrument", s }), "--strategy", "sma-cross",
            "--param", "fast=5", "--param", "slow=20", "--policy", "repair", "--state", Path.Combine(_dir.Path, "cli-state")]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("live stopped (end of replay):", run.Out.Trim());
        Assert.Single(run.Out.Trim().Split('\n'));
        Assert.DoesNotContain("AlgoTrading live", run.Out + run.Error);
        Assert.DoesNotContain("\u001b[", run.Out + run.Error); // no cursor movement or colour: plain lines
    }

    [Fact]
    public async Task Stream_lag_is_arrival_minus_the_quotes_own_time_on_a_live_stream_and_not_measured_on_a_replay()
    {
        var configuration = AlgoTradingConfiguration.Load(Unit.ConfigurationTests.FindConfig());
        var instrument = configuration.Market.InstrumentFor("EUR_USD");
        var quotes = Enumerable.Range(0, 240).Select(i => new LivePrice(0, Start.AddSeconds(15 * i).Ticks, 1.1 + i * 1e-5, 1.10012 + i * 1e-5)).ToArray();
        var arrival = Start.AddSeconds(15 * 239 + 2.5); // the clock stands 2.5 s after the last quote's own time
        async Task<LiveMonitor> Run(bool replay)
        {
            var monitor = new LiveMonitor(time: new ManualClock(arrival));
            var options = new BacktestOptions { TradingDay = AlgoTrading.Time.TradingSession.Forex };
            var setup = new LiveSessionSetup
            {
                Instruments = [instrument], Sessions = [AlgoTrading.Time.TradingSession.Forex], Strategies = [null], Period = BarPeriod.M1, Core = options.Core(),
                Simulation = options.Simulation(), State = new AlgoTrading.Live.State.LiveStateFolder(Path.Combine(_dir.Path, $"lag-{replay}")), Replay = replay,
                Metrics = monitor.Metrics, Monitor = monitor,
            };
            await LiveWorkflow.RunSessionAsync(setup, quotes.ToAsyncEnumerable(), CancellationToken.None);
            return monitor;
        }
        var liveMonitor = await Run(replay: false);
        Assert.Equal(2.5, Value(await Scrape(liveMonitor.Metrics), "algotrading_stream_lag_seconds{stream=\"pricing\"}"), 9);
        // The per-quote path (last quote, arrival, lag gauge) allocates nothing once warm.
        var quote = quotes[^1];
        for (int i = 0; i < 100; i++) liveMonitor.OnPrice(quote);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) liveMonitor.OnPrice(quote);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.DoesNotContain("algotrading_stream_lag_seconds{", await Scrape((await Run(replay: true)).Metrics));
    }

    private async Task<LiveSummary> RunAsync(IReadOnlyList<string> files, LiveMonitor monitor, string riskYaml, Action<LiveSession>? status = null, int? metricsPort = null)
    {
        var configuration = AlgoTradingConfiguration.Load(Unit.ConfigurationTests.FindConfig());
        var run = _dir.File($"run-{Guid.NewGuid():N}.yaml", "strategy: sma-cross\nparams: { fast: 5, slow: 20, mode: longshort }\nunits: 10000\n" + riskYaml);
        var trading = new BacktestCommandLine { DataFile = "", Instrument = Symbols[0], ConfigFile = run, Policy = "repair" }.ToRequest();
        return await LiveWorkflow.RunAsync(new LiveRequest
        {
            Trading = trading, Instruments = Symbols, Granularity = BarPeriod.M1, StateDirectory = Path.Combine(_dir.Path, "state-" + Guid.NewGuid().ToString("N")),
            ReplayFiles = files, Monitor = monitor, MetricsPort = metricsPort,
        }, configuration, _dir.Path, status: status);
    }

    // 600 minutes of quotes every 15 s per instrument, a seeded random walk around realistic levels; returns the files and each last mid.
    private (IReadOnlyList<string> Files, Dictionary<string, double> LastMid, Dictionary<string, double> LastBid) WriteTicks()
    {
        var files = new List<string>();
        var last = new Dictionary<string, double>();
        var lastBid = new Dictionary<string, double>();
        var random = new Random(14);
        foreach (var (symbol, level, spread) in new[] { ("EUR_USD", 1.10, 0.00012), ("GBP_USD", 1.27, 0.00015), ("EUR_GBP", 0.866, 0.00014) })
        {
            var csv = new StringBuilder("time_utc,bid,ask\n");
            double mid = level;
            for (int i = 0; i < 600 * 4; i++)
            {
                mid += (random.NextDouble() - 0.5) * 0.0004;
                double bid = Math.Round(mid - spread / 2, 5), ask = Math.Round(bid + spread, 5);
                csv.Append(CultureInfo.InvariantCulture, $"{Start.AddSeconds(15 * i):yyyy-MM-dd HH:mm:ss.fff},{bid:F5},{ask:F5}\n");
                (last[symbol], lastBid[symbol]) = ((bid + ask) / 2, bid);
            }
            files.Add(_dir.File($"{symbol.ToLowerInvariant()}_ticks.csv", csv.ToString()));
        }
        return (files, last, lastBid);
    }

    private static double Value(string text, string series)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"/metrics has no {series}:\n{text}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    private static double Sum(string text, string metric) =>
        text.Split('\n').Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private static List<string> Problems(string body) => [.. Json(body).GetProperty("problems").EnumerateArray().Select(p => p.GetString()!)];

    private sealed class ManualClock(DateTime start) : TimeProvider
    {
        private long _ticks = start.Ticks;
        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private static async Task<string> Scrape(LiveMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
