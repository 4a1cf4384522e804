using System.Diagnostics;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Brokers.Testing;
using AlgoTrading.Configuration;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Brokers;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// Time inside the OANDA client from request built to response parsed, against the local v20
/// server on loopback (same process, no faults): p50 and p99 of price reads and of market orders.
/// </summary>
internal static class BrokerLatency
{
    public static void Run(string? sharedData)
    {
        RunAsync(sharedData).GetAwaiter().GetResult();
    }

    private static async Task RunAsync(string? sharedData)
    {
        await using var server = await FakeOandaServer.StartAsync(new FakeOandaOptions { SharedData = sharedData });
        var samples = new List<double>();
        using var client = new OandaClient(new OandaClientOptions
        {
            RestUrl = server.BaseUrl, StreamUrl = server.BaseUrl, Token = new Secret(server.Options.Token), AccountId = new Secret(server.Options.AccountId),
            RequestsPerSecond = 1_000_000, OnLatency = t => samples.Add(t.TotalMilliseconds),
        });
        await client.GetInstrumentsAsync();
        for (int i = 0; i < 300; i++) await client.GetPricesAsync(["EUR_USD"]); // warm-up: JIT, connection pool
        samples.Clear();
        for (int i = 0; i < 3000; i++) await client.GetPricesAsync(["EUR_USD"]);
        Report("client latency GET pricing", samples);
        samples.Clear();
        for (int i = 0; i < 1000; i++)
            await client.SubmitOrderAsync(new BrokerOrderRequest { ClientId = ClientOrderId.For("bench", "EUR_USD", 1, i), Units = i % 2 == 0 ? 1000 : -1000 });
        Report("client latency POST market order", samples);
    }

    private static void Report(string name, List<double> samples)
    {
        var sorted = samples.Order().ToArray();
        Console.WriteLine($"{name,-45} n={sorted.Length,5}  p50 {sorted[sorted.Length / 2],7:0.000} ms  p99 {sorted[(int)(sorted.Length * 0.99)],7:0.000} ms");
    }
}
