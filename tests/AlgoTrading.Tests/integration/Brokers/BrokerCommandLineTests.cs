using System.Text.Json;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Configuration;
using AlgoTrading.Data.Storage;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration.Brokers;

/// <summary>
/// <c>algotrading broker …</c> and <c>algotrading data download</c> as an operator runs them: a real
/// process pointed at the local v20 server through the project's <c>.env</c>. Everything the
/// process prints or writes is also handed to the token scan.
/// </summary>
public sealed class BrokerCommandLineTests : IAsyncLifetime
{
    private readonly TempDirectory _project = Cli.Project();
    private FakeOandaServer _server = null!;
    private OandaClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeOandaServer.StartAsync(BrokerKit.ServerOptions());
        _client = new OandaClient(BrokerKit.ClientOptions(_server));
        _project.File(".env", $"OANDA_TOKEN={BrokerKit.CanaryToken}\nOANDA_ACCOUNT_ID={BrokerKit.CanaryAccount}\nOANDA_REST_URL={_server.BaseUrl}\nOANDA_STREAM_URL={_server.BaseUrl}\n");
    }

    public async ValueTask DisposeAsync()
    {
        // Hand every file the runs left (logs, downloads) to the token scan before the folder goes.
        foreach (var file in Directory.EnumerateFiles(_project.Path, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".env", StringComparison.Ordinal) && !f.EndsWith(".parquet", StringComparison.Ordinal)))
            BrokerKit.Captured.Enqueue(File.ReadAllText(file));
        _client.Dispose();
        await _server.DisposeAsync();
        _project.Dispose();
    }

    private Cli.Result Run(params string[] args) => Keep(Cli.RunWithInput(_project.Path, "", args));

    private static Cli.Result Keep(Cli.Result r)
    {
        BrokerKit.Captured.Enqueue(r.Out);
        BrokerKit.Captured.Enqueue(r.Error);
        return r;
    }

    private static int _n;
    private static ClientOrderId Id(string instrument) => ClientOrderId.For("cli", instrument, 638_100_000_000_000_000, Interlocked.Increment(ref _n));

    [Fact]
    public async Task Summary_json_and_tables_show_the_account()
    {
        await _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id("EUR_USD"), Units = 1000 });
        var r = Run("broker", "summary", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        using var doc = JsonDocument.Parse(r.Out);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("open_trade_count").GetInt32());
        Assert.Equal("USD", summary.GetProperty("currency").GetString());
        Assert.Equal(1000m, doc.RootElement.GetProperty("positions")[0].GetProperty("long_units").GetDecimal());

        var positions = Run("broker", "positions");
        Assert.True(positions.ExitCode == 0, positions.Error);
        Assert.Contains("EUR_USD", positions.Out);
        var orders = Run("broker", "orders", "--json");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(orders.Out).RootElement.ValueKind);
        Assert.Contains("1000", Run("broker", "trades").Out);
    }

    [Fact]
    public async Task Flatten_asks_first_then_empties_one_instrument()
    {
        await _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id("EUR_USD"), Units = 1000 });
        await _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id("GBP_USD"), Units = -500 });
        var quote = (await _client.GetPricesAsync(["EUR_USD"]))[0];
        await _client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = Id("EUR_USD"), Type = OrderType.Limit, Units = 10, Price = quote.Bid * 0.9m });

        var refused = Run("broker", "flatten", "--instrument", "EUR_USD");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not confirmed", refused.Error);
        Assert.Equal(2, (await _client.GetOpenPositionsAsync()).Count);

        var r = Run("broker", "flatten", "--instrument", "EUR_USD", "--yes");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("1 pending orders cancelled, 1 closing fills", r.Out);
        var left = Assert.Single(await _client.GetOpenPositionsAsync());
        Assert.Equal("GBP_USD", left.Instrument);
        Assert.Empty(await _client.GetPendingOrdersAsync());
    }

    [Fact]
    public void Live_without_confirmation_is_refused_naming_the_setting()
    {
        var r = Run("broker", "summary", "--live");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("confirm_live", r.Error);
        Assert.Empty(_server.Journal.Entries);
    }

    [Fact]
    public void Bad_download_arguments_are_usage_errors()
    {
        Assert.Equal(2, Run("data", "download", "--instrument", "EUR_USD", "--granularity", "X7", "--from", "2024-01-01", "--to", "2024-01-02").ExitCode);
        Assert.Equal(2, Run("data", "download", "--instrument", "EUR_USD", "--from", "yesterday", "--to", "2024-01-02").ExitCode);
        Assert.Equal(2, Run("data", "download", "--instrument", "EUR_USD", "--from", "2024-01-03", "--to", "2024-01-02").ExitCode);
    }

    [Fact]
    public async Task Download_pages_resumes_after_a_failure_without_duplicates_and_stores()
    {
        var store = Path.Combine(_project.Path, "store");
        // Page 1 arrives, page 2 fails on every retry: the run stops with page 1 kept on disk.
        _server.Faults.Enqueue([FaultKind.None, .. Enumerable.Repeat(FaultKind.ServerError, 6)]);
        var failed = Run("data", "download", "--instrument", "EUR_USD", "--granularity", "M1", "--from", "2024-03-04", "--to", "2024-03-09", "--store", store);
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("Transient", failed.Error);

        var r = Run("data", "download", "--instrument", "EUR_USD", "--granularity", "M1", "--from", "2024-03-04", "--to", "2024-03-09", "--store", store);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("7,200 candles (1 pages downloaded, 1 reused)", r.Out); // Mon 00:00 .. Sat 00:00: 5 days of 1,440 minutes
        var series = await new MarketDataStore(store).ReadAsync("forex", "EUR_USD", BarPeriod.M1);
        Assert.Equal(7200, series.Count);
        for (int i = 1; i < series.Count; i++) Assert.True(series.TimeTicks[i] > series.TimeTicks[i - 1], $"row {i} repeats or goes back in time");
        Assert.Equal(new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc).Ticks, series.TimeTicks[0]);
        Assert.Equal(new DateTime(2024, 3, 8, 23, 59, 0, DateTimeKind.Utc).Ticks, series.TimeTicks[series.Count - 1]);
        Assert.False(Directory.Exists(Path.Combine(store, ".downloads", "EUR_USD-M1-BA-202403040000-202403090000")));
        var candleRequests = _server.Journal.Entries.Where(e => e.Route.EndsWith("candles", StringComparison.Ordinal)).ToList();
        Assert.Equal(1 + 6 + 1, candleRequests.Count); // page 1, six failed tries of page 2, page 2 on the rerun
    }

    [Fact]
    public void Download_to_a_file_skips_the_forming_candle()
    {
        var today = DateTime.UtcNow.Date;
        var output = Path.Combine(_project.Path, "eurusd_h1.csv");
        var r = Run("data", "download", "--instrument", "EUR_USD", "--granularity", "H1", "--from", today.AddDays(-3).ToString("yyyy-MM-dd"), "--to", today.AddDays(2).ToString("yyyy-MM-dd"), "--out", output, "--policy", "keep");
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("incomplete (still forming) and was left out", r.Out);
        var rows = File.ReadAllLines(output).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.True(rows.Count <= 3 * 24 + DateTime.UtcNow.Hour);
    }
}
