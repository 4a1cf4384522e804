using System.Runtime.CompilerServices;
using System.Text.Json;
using AlgoTrading.Domain;
using AlgoTrading.Execution;
using AlgoTrading.Live.Runner;
using AlgoTrading.Live.State;
using AlgoTrading.Strategies;
using AlgoTrading.Tests.Support;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit.Live;

/// <summary>
/// A paper session's restart and kill switch: the portfolio rebuilt from the journal books each fill at
/// the quote-to-account rate it was booked at (USD_JPY on a USD account: P&amp;L in yen), and
/// <c>--flatten</c> closes positions with orders through the simulated client, journaled like every order.
/// </summary>
public sealed class LiveSessionTests
{
    private static readonly long T0 = new DateTime(2024, 3, 5, 8, 0, 0, DateTimeKind.Utc).Ticks; // a Tuesday

    // A quote every 10 s on a slow sine: sma-cross 2/5 trades every few M1 bars.
    private static TickSeries Sine(string instrument, double level, int count, int from = 0)
    {
        var time = new long[count];
        var bid = new double[count];
        var ask = new double[count];
        for (int i = 0; i < count; i++)
        {
            int k = from + i;
            double mid = level * (1 + 0.002 * Math.Sin(k / 23.0));
            time[i] = T0 + k * 10 * TimeSpan.TicksPerSecond;
            (bid[i], ask[i]) = (Math.Round(mid - level * 1e-5, 5), Math.Round(mid + level * 1e-5, 5));
        }
        return new TickSeries(instrument, time, bid, ask, count);
    }

    private static LiveSessionSetup Setup(string state, string instrument, Action<LiveSession>? afterStep = null) => new()
    {
        Instruments = [TradableInstrument.FromSymbol(instrument)], Sessions = [TradingSession.Forex],
        Strategies = [StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "2", ["slow"] = "5", ["mode"] = "longshort" }, 10_000)],
        Period = BarPeriod.M1, Core = new TradingCoreOptions(), State = new LiveStateFolder(state), Replay = true, AfterStep = afterStep,
    };

    private static async IAsyncEnumerable<LivePrice> None()
    {
        await Task.CompletedTask;
        yield break;
    }

    [Fact]
    public async Task A_restart_rebuilds_a_yen_quoted_portfolio_at_the_rates_its_fills_were_booked_at()
    {
        using var dir = new TempDirectory();
        double realised, cash;
        IReadOnlyDictionary<string, double> positions;
        int trades;
        await using (var first = new LiveSession(Setup(dir.Path, "USD_JPY")))
        {
            await first.RunAsync(new ReplayPriceSource([Sine("USD_JPY", 150, 3000)], double.PositiveInfinity).ReadAsync());
            (realised, cash, positions, trades) = (first.Core.Portfolio.RealisedPnl, first.Core.Portfolio.Cash, first.Core.Portfolio.Positions, first.Core.Portfolio.Trades.Count);
            Assert.True(trades > 10, $"only {trades} trades");
            Assert.True(Math.Abs(realised) > 1, "the run should realise a profit or loss");
            Assert.All(first.Journal.Events("fill"), e => Assert.InRange(JsonDocument.Parse(e.Payload).RootElement.GetProperty("rate").GetDouble(), 1 / 151.0, 1 / 149.0));
        }
        // Restarted on the same folder with no quotes: only the journal's fills make the portfolio.
        await using var restarted = new LiveSession(Setup(dir.Path, "USD_JPY"));
        await restarted.RunAsync(None());
        var p = restarted.Core.Portfolio;
        Assert.Equal(trades, p.Trades.Count);
        Assert.Equal(positions.OrderBy(x => x.Key), p.Positions.OrderBy(x => x.Key));
        Assert.Equal(realised, p.RealisedPnl, 1e-9 * Math.Abs(realised));
        Assert.Equal(cash, p.Cash, 1e-9 * Math.Abs(cash)); // no rollover passed: no financing, which is not journaled as a fill
    }

    [Fact]
    public async Task A_paper_flatten_closes_positions_with_orders_through_the_client_and_journals_them()
    {
        using var dir = new TempDirectory();
        var state = new LiveStateFolder(dir.Path);
        double held = 0;
        var pulled = new TaskCompletionSource();
        async IAsyncEnumerable<LivePrice> Quotes([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var q in new ReplayPriceSource([Sine("EUR_USD", 1.1, 3000)], double.PositiveInfinity).ReadAsync(cancellationToken))
            {
                if (pulled.Task.IsCompleted) await Task.Delay(Timeout.Infinite, cancellationToken); // the runner stops on the switch, not at the end of the quotes
                yield return q;
            }
        }
        int steps = 0;
        await using var session = new LiveSession(Setup(dir.Path, "EUR_USD", s =>
        {
            if (++steps < 30 || pulled.Task.IsCompleted || s.Core.Portfolio.UnitsOf("EUR_USD") == 0) return;
            held = s.Core.Portfolio.UnitsOf("EUR_USD");
            KillSwitch.Pull(state, flatten: true, "test");
            pulled.SetResult();
        }));
        var result = await session.RunAsync(Quotes());

        Assert.Equal("kill switch (flatten)", result.StopReason);
        Assert.NotEqual(0, held);
        Assert.Equal(0, session.Core.Portfolio.UnitsOf("EUR_USD"));
        // The close is an order of the core's client, filled by its fill rules, and in the journal as an order with its fill.
        var kill = Assert.Single(session.Core.Orders, o => o.Reason == "exit:kill_switch");
        Assert.Equal(AlgoTrading.Domain.OrderStatus.Filled, kill.Status);
        Assert.Equal(-held, kill.FilledUnits);
        Assert.Equal(kill.ClientId.Value, Assert.Single(session.Journal.AllOrders(), o => o.ClientOrderId == kill.ClientId.Value).ClientOrderId);
        var fill = Assert.Single(session.Journal.Events("fill"), e => e.ClientOrderId == kill.ClientId.Value);
        Assert.Equal(-held, JsonDocument.Parse(fill.Payload).RootElement.GetProperty("units").GetDouble());
        Assert.Equal("exit:kill_switch", session.Core.Portfolio.Trades[^1].ExitReason);
    }
}
