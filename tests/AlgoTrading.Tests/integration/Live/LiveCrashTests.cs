using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Live.Journal;
using AlgoTrading.Live.Reconciliation;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Live;

/// <summary>
/// Crash safety of the real executable: <c>live --broker oanda --replay</c> against our v20-compatible
/// server (which outlives the runner, like a real account), killed with SIGKILL at random points and
/// restarted on the same state folder each time. After every restart the runner reconciles (orders sent
/// but unconfirmed are looked up by client id, fills missed while down are applied) and continues; at
/// the end the server never created an order twice, the journal holds each order once, and the
/// journal's positions equal the server's. The number of kills is <c>LIVE_CRASH_POINTS</c> (default 50,
/// the issue's figure). Restarts are cheap: a restarted replay plays the bars it already stepped without
/// pacing (<see cref="AlgoTrading.Live.Runner.ReplayPriceSource.PlayUnpacedUntil"/>), so each kill lands a
/// little further into the session, half a second to two seconds after the start. Alerts go to a local
/// webhook; every file, output and alert of the runs is scanned for the token and account id.
/// </summary>
public sealed class LiveCrashTests
{
    private static readonly long FirstTick = new DateTime(2024, 3, 5, 8, 0, 0, DateTimeKind.Utc).Ticks; // a Tuesday

    [Fact]
    public async Task Killed_at_random_points_and_restarted_the_runner_reconciles_continues_and_never_duplicates_an_order()
    {
        int points = int.TryParse(Environment.GetEnvironmentVariable("LIVE_CRASH_POINTS"), out var n) ? n : 50;
        await using var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions() with { SharedData = null });
        using var project = Cli.Project();
        using var webhook = new LocalHttpReceiver();
        File.WriteAllText(Path.Combine(project.Path, ".env"),
            $"OANDA_TOKEN={BrokerKit.CanaryToken}\nOANDA_ACCOUNT_ID={BrokerKit.CanaryAccount}\nOANDA_REST_URL={server.BaseUrl}\nOANDA_STREAM_URL={server.BaseUrl}\nALERT_WEBHOOK_URL={webhook.BaseUrl}/alerts\n");
        var ticks = WriteTicks(Path.Combine(project.Path, "ticks.csv"), hours: 6);
        var state = Path.Combine(project.Path, "state");
        string[] args = ["live", "--broker", "oanda", "--replay", ticks, "--instrument", "EUR_USD", "--granularity", "M1", "--strategy", "sma-cross",
            "--param", "fast=2", "--param", "slow=5", "--param", "mode=longshort", "--units", "1000", "--speed", "600", "--state", state, "--json"];

        var random = new Random(20261202);
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        int killed = 0;
        for (int i = 0; i < points; i++)
        {
            using var p = Start(project.Path, args);
            await Task.Delay(random.Next(500, 2000));
            if (p.HasExited) break; // the replay finished before this kill point
            p.Kill(); // SIGKILL: no finally block, no flush
            await p.WaitForExitAsync();
            output.Append(p.StandardOutput.ReadToEnd()).Append(p.StandardError.ReadToEnd());
            killed++;
        }
        using (var last = Start(project.Path, args))
        {
            Assert.True(last.WaitForExit(TimeSpan.FromMinutes(3)), "the last run did not finish");
            var stdout = last.StandardOutput.ReadToEnd();
            output.Append(stdout).Append(last.StandardError.ReadToEnd());
            Assert.True(last.ExitCode == 0, output.ToString());
            using var summary = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            Assert.Equal("end of replay", summary.RootElement.GetProperty("stop_reason").GetString());
        }

        using var journal = LiveJournal.Open(Path.Combine(state, "journal.db"));
        var orders = journal.AllOrders();
        Assert.Equal(orders.Count, orders.Select(o => o.ClientOrderId).Distinct().Count());
        Assert.Empty(journal.Unconfirmed());
        // Every restart was explained by the journal and the broker's transaction log: no position had to be forced.
        Assert.DoesNotContain(journal.Events("reconcile"), e => e.Payload.Contains("position mismatch", StringComparison.Ordinal) || e.Payload.Contains("unknown fill", StringComparison.Ordinal)
            || e.Payload.Contains("unknown pending order", StringComparison.Ordinal));
        lock (server.Account.Gate)
        {
            var created = server.Account.Transactions.Where(t => (string?)t["type"] == "MARKET_ORDER" && t["clientExtensions"] is not null)
                .GroupBy(t => (string?)t["clientExtensions"]!["id"]).ToList();
            Assert.True(created.Count >= 10, $"only {created.Count} orders were created");
            Assert.All(created, g => Assert.True(g.Count() == 1, $"{g.Key} created {g.Count()} times"));
            var serverPositions = server.Account.NetPositions().Where(p => p.Value != 0).ToDictionary(p => p.Key, p => (double)p.Value);
            Assert.Equal(serverPositions.OrderBy(p => p.Key), Reconciler.JournaledPositions(journal).OrderBy(p => p.Key));
            TestContext.Current.SendDiagnosticMessage($"crash points survived: {killed} of {points} asked in {clock.Elapsed.TotalSeconds:F0} s; {created.Count} orders at the server, {orders.Count} in the journal, " +
                $"{journal.Events("reconcile").Count} reconcile events, final positions {string.Join(", ", serverPositions.Select(p => $"{p.Key} {p.Value}"))}");
        }
        Assert.True(killed >= points * 4 / 5, $"only {killed} of {points} kills happened before the replay ended");

        // Alerts reached the webhook: fills, and the last run's stop.
        var alerts = webhook.Requests.Select(r => r.Body).ToList();
        Assert.Contains(alerts, b => b.Contains("\"kind\":\"fill\"", StringComparison.Ordinal));
        // The stop is delivered, or held back by the rate limit (20 a minute) behind the last run's fills and counted in its summary.
        Assert.Contains(alerts, b => b.Contains("\"kind\":\"stop\"", StringComparison.Ordinal) && b.Contains("end of replay", StringComparison.Ordinal)
            || b.Contains("held back by the rate limit", StringComparison.Ordinal) && b.Contains("Stop x", StringComparison.Ordinal));

        // Secrets: nothing the runs wrote, printed or alerted holds the token or the account id.
        var texts = Directory.GetFiles(state, "*", SearchOption.AllDirectories).Select(f => (f, Encoding.UTF8.GetString(File.ReadAllBytes(f))))
            .Append(("stdout/stderr", output.ToString())).Concat(alerts.Select(a => ("alert", a)));
        foreach (var (file, text) in texts)
        {
            Assert.DoesNotContain(BrokerKit.CanaryToken, text);
            Assert.DoesNotContain(BrokerKit.CanaryAccount, text);
        }
    }

    private static Process Start(string directory, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AlgoTrading.Runner.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    // Quotes every two seconds on a slow sine with noise: sma-cross 2/5 on M1 trades every few bars.
    private static string WriteTicks(string path, int hours)
    {
        var text = new StringBuilder("time_utc,bid,ask\n");
        var random = new Random(7);
        for (int i = 0; i < hours * 1800; i++)
        {
            double mid = 1.1 + 0.001 * Math.Sin(i / 97.0) + 0.0001 * random.NextDouble();
            var time = new DateTime(FirstTick + i * 2 * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
            text.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss},{mid - 0.00005:F5},{mid + 0.00005:F5}\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
