using System.Net;
using System.Text;
using System.Text.Json;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Configuration;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

/// <summary>v20 wire rules worked by hand: decimals as strings at the instrument's precision, signed units, RFC 3339 nanosecond times, reason and status mapping, environment choice.</summary>
public class OandaWireTests
{
    [Theory]
    [InlineData(1.123455, 5, "1.12346")]   // half away from zero
    [InlineData(-0.5, 0, "-1")]
    [InlineData(145.0, 3, "145.000")]
    [InlineData(4500.06, 1, "4500.1")]
    public void Decimals_are_formatted_to_the_precision(double value, int decimals, string expected) =>
        Assert.Equal(expected, OandaWire.Decimal((decimal)value, decimals));

    [Fact]
    public void Times_round_trip_with_nine_digits_and_nanoseconds_are_truncated()
    {
        var t = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        Assert.Equal("2024-01-02T03:04:05.123456700Z", OandaWire.Time(t));
        Assert.Equal(t, OandaWire.ParseTime("2024-01-02T03:04:05.123456789Z"));
        Assert.Equal(DateTimeKind.Utc, OandaWire.ParseTime("2024-01-02T03:04:05Z").Kind);
        Assert.Equal(new DateTime(2016, 10, 17, 15, 0, 0, DateTimeKind.Utc), OandaWire.ParseTime("1476716400.000000000"));
    }

    [Fact]
    public void Order_body_carries_the_client_id_signed_units_and_attached_orders()
    {
        var id = ClientOrderId.For("trend", "EUR_USD", 1, 0);
        var request = new BrokerOrderRequest { ClientId = id, Units = -2500, PriceBound = 1.0999949m, StopLoss = 1.2m, TakeProfit = 1.05m, TrailingStopDistance = 0.005m };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer)) OandaWire.WriteOrder(w, request, 5, 0);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        var order = doc.RootElement.GetProperty("order");
        Assert.Equal("MARKET", order.GetProperty("type").GetString());
        Assert.Equal("-2500", order.GetProperty("units").GetString());
        Assert.Equal("FOK", order.GetProperty("timeInForce").GetString());
        Assert.Equal("1.09999", order.GetProperty("priceBound").GetString());
        Assert.Equal(id.Value, order.GetProperty("clientExtensions").GetProperty("id").GetString());
        Assert.Equal("1.20000", order.GetProperty("stopLossOnFill").GetProperty("price").GetString());
        Assert.Equal("1.05000", order.GetProperty("takeProfitOnFill").GetProperty("price").GetString());
        Assert.Equal("0.00500", order.GetProperty("trailingStopLossOnFill").GetProperty("distance").GetString());
        Assert.False(order.TryGetProperty("price", out _));
    }

    [Fact]
    public void Limit_without_price_and_zero_units_are_refused_before_sending()
    {
        var id = ClientOrderId.For("s", "EUR_USD", 1, 0);
        using var w = new Utf8JsonWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => OandaWire.WriteOrder(w, new BrokerOrderRequest { ClientId = id, Units = 0 }, 5, 0));
        Assert.Throws<ArgumentException>(() => OandaWire.WriteOrder(w, new BrokerOrderRequest { ClientId = id, Type = OrderType.Limit, Units = 1 }, 5, 0));
    }

    [Theory]
    [InlineData(401, null, BrokerErrorKind.Unauthorised)]
    [InlineData(403, null, BrokerErrorKind.Unauthorised)]
    [InlineData(404, "NO_SUCH_ORDER", BrokerErrorKind.NotFound)]
    [InlineData(429, null, BrokerErrorKind.RateLimited)]
    [InlineData(500, null, BrokerErrorKind.Transient)]
    [InlineData(503, null, BrokerErrorKind.Transient)]
    [InlineData(400, "INSUFFICIENT_MARGIN", BrokerErrorKind.InsufficientMargin)]
    [InlineData(400, "MARKET_HALTED", BrokerErrorKind.MarketHalted)]
    [InlineData(400, "ORDER_DOESNT_EXIST", BrokerErrorKind.NotFound)]
    [InlineData(400, "CLIENT_ORDER_ID_ALREADY_EXISTS", BrokerErrorKind.Rejected)]
    [InlineData(400, "UNITS_PRECISION_EXCEEDED", BrokerErrorKind.Rejected)]
    [InlineData(400, null, BrokerErrorKind.Rejected)]
    public void Statuses_and_reasons_map_to_kinds(int status, string? reason, BrokerErrorKind kind) =>
        Assert.Equal(kind, OandaErrors.OfStatus((HttpStatusCode)status, reason));

    [Fact]
    public void Error_messages_name_the_order_and_reason()
    {
        var id = ClientOrderId.For("s", "GBP_USD", 1, 3);
        var e = new BrokerException(BrokerErrorKind.InsufficientMargin, "POST orders", "INSUFFICIENT_MARGIN", id, 201);
        Assert.Equal($"broker POST orders order {id.Value} (GBP_USD): InsufficientMargin (HTTP 201): INSUFFICIENT_MARGIN", e.Message);
    }

    [Fact]
    public void Practice_is_the_default_and_live_needs_the_flag_and_both_settings()
    {
        using var dir = new Support.TempDirectory();
        var env = DotEnvFile.Load(dir.File(".env", "OANDA_TOKEN=abc\nOANDA_ACCOUNT_ID=101-1\n"));
        var practice = OandaEnvironment.Resolve(new BrokerOptions(), env, live: false);
        Assert.Equal(OandaEnvironment.PracticeRest, practice.RestUrl);
        Assert.Equal(OandaEnvironment.PracticeStream, practice.StreamUrl);
        Assert.Throws<ConfigurationException>(() => OandaEnvironment.Resolve(new BrokerOptions(), env, live: true));
        Assert.Throws<ConfigurationException>(() => OandaEnvironment.Resolve(new BrokerOptions { Environment = BrokerEnvironment.Live }, env, live: true));
        Assert.Throws<ConfigurationException>(() => OandaEnvironment.Resolve(new BrokerOptions { Environment = BrokerEnvironment.Live, ConfirmLive = true }, env, live: false));
        var live = OandaEnvironment.Resolve(new BrokerOptions { Environment = BrokerEnvironment.Live, ConfirmLive = true }, env, live: true);
        Assert.Equal(OandaEnvironment.LiveRest, live.RestUrl);
        var local = OandaEnvironment.Resolve(new BrokerOptions { RestUrl = "http://127.0.0.1:5000/v3/", StreamUrl = "http://127.0.0.1:5001/v3" }, env, live: false);
        Assert.Equal("http://127.0.0.1:5000/v3", local.RestUrl.OriginalString);
        var missing = Assert.Throws<ConfigurationException>(() => OandaEnvironment.Resolve(new BrokerOptions(), DotEnvFile.Load(dir.File("empty.env", "")), live: false));
        Assert.Contains("OANDA_TOKEN", missing.Message);
    }

    [Fact]
    public async Task The_rate_limiter_admits_n_per_second_then_waits_for_the_window()
    {
        var limiter = new RequestRateLimiter(3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 3; i++) await limiter.WaitAsync(default);
        var burst = clock.Elapsed;
        await limiter.WaitAsync(default); // the 4th must wait until the 1st is a second old
        Assert.True(burst < TimeSpan.FromMilliseconds(900), $"burst took {burst.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"4th admitted after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_line_cut_at_the_end_of_a_stream_is_discarded_not_parsed()
    {
        var reports = new List<string>();
        var reader = new CompleteLineReader(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}\r\n{\"b\":2}\n{\"c\":")), reports.Add);
        Assert.Equal("{\"a\":1}", await reader.ReadLineAsync(default));
        Assert.Equal("{\"b\":2}", await reader.ReadLineAsync(default));
        Assert.Null(await reader.ReadLineAsync(default));
        Assert.Equal("stream ended inside a line: discarded 5 bytes of an incomplete message", Assert.Single(reports));
    }
}
