using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Configuration;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Brokers;

/// <summary>
/// The token must never leave the Authorization header. This test drives the client and the
/// command line through successes, every fault and every error path with a recognisable canary
/// token, then scans every log line, exception message (with stack trace), stdout/stderr and file
/// written, plus everything the other broker tests of this run handed to
/// <see cref="BrokerKit.Captured"/>: zero occurrences.
/// </summary>
public sealed class TokenLeakTests
{
    private static int Occurrences(string text) => text.Split(BrokerKit.CanaryToken).Length - 1;

    [Fact]
    public async Task The_token_appears_in_no_log_line_output_file_or_exception_message()
    {
        var scanned = new List<string>();
        var faults = new FaultOptions { Seed = 99, RateLimited = 0.1, ServerError = 0.1, MalformedJson = 0.1, AbortBeforeExecution = 0.1, LostResponse = 0.1, Reject = 0.2, StreamCut = 0.5, StreamSilence = 0.2 };
        await using (var server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions(faults)))
        {
            using var client = new OandaClient(BrokerKit.ClientOptions(server) with { Log = scanned.Add, MaxRetries = 2, StreamSilenceTimeout = TimeSpan.FromMilliseconds(200) });
            async Task Try(Func<Task> call)
            {
                try { await call(); }
                catch (Exception e) { scanned.Add(e.ToString()); scanned.Add(e.Message); }
            }
            for (int i = 0; i < 40; i++)
            {
                var id = ClientOrderId.For("leak", i % 2 == 0 ? "EUR_USD" : "XXX_YYY", 1, i);
                await Try(() => client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = id, Units = i % 3 == 0 ? 1 : -1 }));
                await Try(() => client.CancelOrderAsync(id));
                await Try(() => client.GetAccountSummaryAsync());
            }
            using var wrongAccount = new OandaClient(BrokerKit.ClientOptions(server) with { AccountId = new Secret("999-999"), Log = scanned.Add });
            await Try(() => wrongAccount.GetOpenTradesAsync());
            using var wrongToken = new OandaClient(BrokerKit.ClientOptions(server, token: "x") with { Log = scanned.Add });
            await Try(() => wrongToken.GetOpenTradesAsync());
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await Try(async () => { await foreach (var _ in client.StreamTransactionsAsync(0, cts.Token)) { } });
        }
        // A dead server: network errors all the way up through the command line with --verbose stack traces.
        using (var project = Cli.Project())
        {
            project.File(".env", $"OANDA_TOKEN={BrokerKit.CanaryToken}\nOANDA_ACCOUNT_ID={BrokerKit.CanaryAccount}\nOANDA_REST_URL=http://127.0.0.1:9/v3\nOANDA_STREAM_URL=http://127.0.0.1:9/v3\n");
            var runs = await Task.WhenAll(new[] { new[] { "broker", "summary", "--verbose" }, ["broker", "flatten", "--yes", "--verbose"], ["data", "download", "--instrument", "EUR_USD", "--from", "2024-01-01", "--to", "2024-01-02", "--verbose"] }
                .Select(args => Task.Run(() => Cli.RunWithInput(project.Path, "", args)))); // each retries a dead port for seconds: run them together
            foreach (var r in runs)
            {
                Assert.Equal(1, r.ExitCode);
                scanned.Add(r.Out);
                scanned.Add(r.Error);
            }
            foreach (var file in Directory.EnumerateFiles(project.Path, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != ".env"))
                scanned.Add(File.ReadAllText(file));
        }
        scanned.AddRange(BrokerKit.Captured);

        Assert.Equal(1, Occurrences("Authorization: Bearer " + BrokerKit.CanaryToken)); // the scan itself can find it
        Assert.True(scanned.Count > 100, $"only {scanned.Count} texts scanned");
        Assert.Contains(scanned, s => s.Contains("BrokerException", StringComparison.Ordinal));
        var leaks = scanned.Where(s => Occurrences(s) > 0).ToList();
        Assert.True(leaks.Count == 0, $"the token appears in {leaks.Count} of {scanned.Count} texts, e.g. {leaks.FirstOrDefault()?.Replace(BrokerKit.CanaryToken, "<TOKEN>")}");
        TestContext.Current.SendDiagnosticMessage($"token scan: 0 occurrences in {scanned.Count:N0} texts ({scanned.Sum(s => s.Length):N0} characters)");
    }
}
