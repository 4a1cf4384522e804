using AlgoTrading.Data.Processors;
using AlgoTrading.Domain;
using AlgoTrading.Live.Runner;
using AlgoTrading.Live.State;
using AlgoTrading.Tests.Support;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit.Live;

/// <summary>
/// The price loop: bars built from replayed quotes are research's bars (<see cref="Resampler.FromTicks"/>
/// on the same quotes) except the one still open at the end; several instruments' bars of one time are
/// stepped together; closed sessions are marked untradeable; the kill switch and a cancellation stop
/// the loop with their reason.
/// </summary>
public sealed class LiveRunnerTests
{
    private static readonly long T0 = new DateTime(2024, 3, 5, 10, 0, 0, DateTimeKind.Utc).Ticks; // a Tuesday
    private const long Sec = TimeSpan.TicksPerSecond;

    private static TickSeries Ticks(string instrument, params (long Offset, double Bid)[] quotes) =>
        new(instrument, [.. quotes.Select(q => T0 + q.Offset)], [.. quotes.Select(q => q.Bid)], [.. quotes.Select(q => q.Bid + 0.0002)], quotes.Length);

    [Fact]
    public async Task Replayed_quotes_give_the_bars_research_builds_from_the_same_quotes_but_the_last_open_one()
    {
        var ticks = Ticks("EUR_USD", (0, 1.1000), (20 * Sec, 1.1010), (59 * Sec, 1.0990), (60 * Sec, 1.1005), (61 * Sec, 1.1020), (150 * Sec, 1.1001), (181 * Sec, 1.1003));
        var research = Resampler.FromTicks(ticks, BarPeriod.M1, TradingSession.Forex);
        var stepped = new List<QuoteBar>();
        var result = await new LiveRunner([TradingSession.Forex], BarPeriod.M1)
            .RunAsync(new ReplayPriceSource([ticks], double.PositiveInfinity).ReadAsync(), (time, bars, tradeable) =>
            {
                Assert.True(tradeable);
                foreach (var b in bars) { Assert.Equal(time, b.Bar.Time.Ticks); stepped.Add(b.Bar); }
                return 100_000 + stepped.Count;
            });
        // Bars at 10:00, 10:01, 10:02 close; 10:03 is still open when the quotes end.
        Assert.Equal(research.Count - 1, stepped.Count);
        for (int i = 0; i < stepped.Count; i++) Assert.Equal(research.QuoteAt(i), stepped[i]);
        Assert.Equal(new QuoteBar(new DateTime(T0, DateTimeKind.Utc), new Ohlc(1.1000, 1.1010, 1.0990, 1.0990), new Ohlc(1.1002, 1.1012, 1.0992, 1.0992)), stepped[0]);
        Assert.Equal("end of replay", result.StopReason);
        Assert.Equal(7, result.Prices);
        Assert.Equal([100_001.0, 100_002.0, 100_003.0], result.Equity);
    }

    [Fact]
    public async Task Bars_of_several_instruments_at_one_time_are_stepped_together()
    {
        var eur = Ticks("EUR_USD", (1 * Sec, 1.10), (61 * Sec, 1.11), (125 * Sec, 1.12));
        var gbp = Ticks("GBP_USD", (2 * Sec, 1.25), (70 * Sec, 1.26));
        var steps = new List<(long Time, int[] Slots)>();
        await new LiveRunner([TradingSession.Forex, TradingSession.Forex], BarPeriod.M1)
            .RunAsync(new ReplayPriceSource([eur, gbp], double.PositiveInfinity).ReadAsync(), (time, bars, _) =>
            {
                steps.Add((time, [.. bars.ToArray().Select(b => b.Slot)]));
                return 0;
            });
        // 10:00 closes for both at EUR's 10:01:01 quote; 10:01 closes at EUR's 10:02:05 quote (GBP's 10:01 bar too).
        Assert.Equal(2, steps.Count);
        Assert.Equal([T0, T0 + 60 * Sec], steps.Select(s => s.Time));
        Assert.All(steps, s => Assert.Equal([0, 1], s.Slots));
    }

    [Fact]
    public async Task A_bar_of_a_closed_market_is_stepped_without_orders()
    {
        // Saturday: the FX market is closed.
        long saturday = new DateTime(2024, 3, 9, 12, 0, 0, DateTimeKind.Utc).Ticks - T0;
        var ticks = Ticks("EUR_USD", (saturday, 1.1), (saturday + 61 * Sec, 1.1));
        var flags = new List<bool>();
        await new LiveRunner([TradingSession.Forex], BarPeriod.M1).RunAsync(new ReplayPriceSource([ticks], double.PositiveInfinity).ReadAsync(), (_, _, tradeable) => { flags.Add(tradeable); return 0; });
        Assert.Equal([false], flags);
    }

    [Fact]
    public async Task The_kill_switch_stops_the_run_and_keeps_stopping_it_on_restart()
    {
        using var dir = new TempDirectory();
        var state = new LiveStateFolder(dir.Path);
        var ticks = Ticks("EUR_USD", [.. Enumerable.Range(0, 600).Select(i => (i * 10 * Sec, 1.1 + i * 1e-5))]);
        int steps = 0;
        var runner = new LiveRunner([TradingSession.Forex], BarPeriod.M1) { State = state };
        // One quote a millisecond of wall time (6,000 s of quotes at 10,000x); the switch is pulled after the 5th bar.
        var result = await runner.RunAsync(new ReplayPriceSource([ticks], 10_000).ReadAsync(), (_, _, _) =>
        {
            if (++steps == 5) KillSwitch.Pull(state, flatten: true, "test");
            return 0;
        });
        Assert.Equal("kill switch (flatten)", result.StopReason);
        Assert.Equal(new KillRequest(true, "test"), runner.Kill);
        Assert.InRange(steps, 5, 50);
        var again = await new LiveRunner([TradingSession.Forex], BarPeriod.M1) { State = state }
            .RunAsync(new ReplayPriceSource([ticks], double.PositiveInfinity).ReadAsync(), (_, _, _) => throw new InvalidOperationException("must not step"));
        Assert.Equal("kill switch (flatten)", again.StopReason);
        Assert.Equal(0, again.Prices);
    }

    [Fact]
    public async Task A_signal_finishes_the_current_step_and_stops()
    {
        var ticks = Ticks("EUR_USD", [.. Enumerable.Range(0, 100).Select(i => (i * 30 * Sec, 1.1))]);
        using var signal = new CancellationTokenSource();
        int steps = 0;
        var result = await new LiveRunner([TradingSession.Forex], BarPeriod.M1).RunAsync(new ReplayPriceSource([ticks], double.PositiveInfinity).ReadAsync(), (_, _, _) =>
        {
            if (++steps == 3) signal.Cancel(); // SIGTERM arrives during the third step
            return 0;
        }, signal.Token);
        Assert.Equal("signal", result.StopReason);
        Assert.Equal(3, steps);
        Assert.Equal(3, result.Equity.Count);
    }

    // Quotes given one at a time: the source yields the next only once the test released it, then waits.
    private static async IAsyncEnumerable<LivePrice> Gated(IEnumerable<(LivePrice Quote, Task Release)> quotes, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (quote, release) in quotes)
        {
            await release.WaitAsync(cancellationToken);
            yield return quote;
        }
        await Task.Delay(Timeout.Infinite, cancellationToken); // a quiet market: the stream stays open, nothing comes
    }

    [Fact]
    public async Task Live_a_bar_closes_on_the_clock_after_the_grace_when_no_later_quote_comes_and_its_late_quotes_are_left_out()
    {
        // Quotes at 10:00:00 and 10:00:20, then nothing: the wall clock (here a test clock) reads 10:01:01.5, then 10:01:02.5.
        long now = T0 + 61 * Sec + Sec / 2;
        var late = new TaskCompletionSource();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // a runner that never closes the bar fails instead of hanging
        var stepped = new List<(long Time, QuoteBar Bar)>();
        int clockLooks = 0;
        var runner = new LiveRunner([TradingSession.Forex], BarPeriod.M1)
        {
            CloseGrace = TimeSpan.FromSeconds(2), ClockPoll = TimeSpan.FromMilliseconds(5),
            Clock = () =>
            {
                // Within the grace for a few looks (the bar must stay open), then past it.
                if (++clockLooks == 20) Interlocked.Exchange(ref now, T0 + 62 * Sec + Sec / 2);
                return new DateTime(Interlocked.Read(ref now), DateTimeKind.Utc);
            },
        };
        var result = await runner.RunAsync(Gated([
            (new LivePrice(0, T0, 1.1000, 1.1002), Task.CompletedTask),
            (new LivePrice(0, T0 + 20 * Sec, 1.1010, 1.1012), Task.CompletedTask),
            (new LivePrice(0, T0 + 50 * Sec, 1.2, 1.2002), late.Task), // belongs to the closed bar: late
            (new LivePrice(0, T0 + 70 * Sec, 1.1020, 1.1022), late.Task),
            (new LivePrice(0, T0 + 125 * Sec, 1.1030, 1.1032), late.Task), // closes 10:01 the usual way
        ], stop.Token), (time, bars, _) =>
        {
            foreach (var b in bars) stepped.Add((time, b.Bar));
            Assert.True(clockLooks >= 20, "closed before the grace ran out");
            late.TrySetResult();
            if (stepped.Count == 2) stop.Cancel();
            return 0;
        }, stop.Token);

        Assert.Equal(2, stepped.Count);
        var bar = stepped[0];
        Assert.Equal(T0, bar.Time);
        Assert.Equal(T0 + 60 * Sec, stepped[1].Time);
        Assert.Equal(new QuoteBar(new DateTime(T0, DateTimeKind.Utc), new Ohlc(1.1000, 1.1010, 1.1000, 1.1010), new Ohlc(1.1002, 1.1012, 1.1002, 1.1012)), bar.Bar);
        Assert.Equal(1, result.ClockClosedBars);
        Assert.Equal(1, result.LateQuotes);
        Assert.Equal(5, result.Prices);
    }

    [Fact]
    public async Task A_replay_closes_bars_on_its_quotes_only()
    {
        // No grace: the wall clock, far past these 2024 quotes, closes nothing; the last bar stays open.
        var ticks = Ticks("EUR_USD", (0, 1.1), (20 * Sec, 1.1), (61 * Sec, 1.1), (70 * Sec, 1.1));
        var result = await new LiveRunner([TradingSession.Forex], BarPeriod.M1).RunAsync(new ReplayPriceSource([ticks], double.PositiveInfinity).ReadAsync(), (_, _, _) => 0);
        Assert.Equal(1, result.Steps);
        Assert.Equal(0, result.ClockClosedBars);
    }

    [Fact]
    public void A_stream_drop_and_its_reconnect_are_each_reported_once_even_between_two_looks()
    {
        var at = new DateTime(2024, 3, 5, 10, 0, 0, DateTimeKind.Utc);
        var connection = new BrokerConnection(() => at);
        connection.Report("pricing stream", true); // a first connection changes nothing
        Assert.False(connection.HasChange);
        connection.Report("pricing stream", false);
        at = at.AddSeconds(5);
        connection.Report("transaction stream", false); // a second stream down: still one drop, from the first time
        connection.Take(out bool dropped, out bool restored, out long since, out string streams);
        Assert.True(dropped);
        Assert.False(restored);
        Assert.Equal(at.AddSeconds(-5).Ticks, since);
        Assert.Equal("pricing stream, transaction stream", streams);
        connection.Report("pricing stream", true);
        connection.Take(out dropped, out restored, out _, out _);
        Assert.False(dropped || restored); // one stream is still down
        connection.Report("transaction stream", true);
        connection.Take(out dropped, out restored, out _, out _);
        Assert.True(restored);
        Assert.False(dropped);
        // A blip between two looks: reported as a drop and a reconnect at once, so it is reconciled too.
        connection.Report("pricing stream", false);
        connection.Report("pricing stream", true);
        Assert.True(connection.HasChange);
        connection.Take(out dropped, out restored, out _, out _);
        Assert.True(dropped && restored);
        Assert.False(connection.HasChange);
    }

    [Fact]
    public void Latency_quantiles_are_nearest_rank()
    {
        var r = new LiveRunResult();
        r.PriceToOrderSeconds.AddRange([5, 1, 4, 2, 3]);
        Assert.Equal(3, r.LatencyQuantile(0.5));
        Assert.Equal(5, r.LatencyQuantile(0.99));
        Assert.Equal(1, r.LatencyQuantile(0));
    }
}
