using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Tests.Support;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Integration;

/// <summary>The streaming aggregator a live runner feeds, against a naive group-by over a real day of OANDA quotes.</summary>
public class QuoteBarAggregatorTests
{
    [Theory]
    [InlineData("M1")]
    [InlineData("M5")]
    [InlineData("H4")] // aligned on the New York trading day, not on UTC
    public async Task Streamed_quotes_give_the_bars_a_group_by_gives_whatever_the_heartbeats(string period)
    {
        var ticks = MarketDataValidator.Validate((await MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/tick/eurusd_tick_quote_20140505.csv"))).Ticks!,
            new ValidationOptions { Policy = ValidationPolicy.Repair }).Clean;
        var target = BarPeriod.Parse(period);

        // Independent reference: group by the aligner's bar start.
        var aligner = new BarAligner(target, TradingSession.Forex);
        var expected = Enumerable.Range(0, ticks.Count).GroupBy(i => aligner.StartOf(ticks.TimeTicks[i])).Select(g => g.ToList()).ToList();

        // Stream them with heartbeats at seeded random instants in between, as a live stream would.
        var random = new Random(7);
        var aggregator = new QuoteBarAggregator(target, TradingSession.Forex);
        var bars = new List<QuoteBar>();
        for (int i = 0; i < ticks.Count; i++)
        {
            long t = ticks.TimeTicks[i];
            if (i > 0 && random.Next(4) == 0)
            {
                long heartbeat = ticks.TimeTicks[i - 1] + (long)(random.NextDouble() * (t - ticks.TimeTicks[i - 1]));
                if (aggregator.Advance(heartbeat, out var byClock)) bars.Add(byClock);
            }
            if (aggregator.Add(t, ticks.Bid[i], ticks.Ask[i], out var bar)) bars.Add(bar);
        }
        if (aggregator.Flush(out var last)) bars.Add(last);

        Assert.Equal(expected.Count, bars.Count);
        for (int k = 0; k < bars.Count; k++)
        {
            var g = expected[k];
            var b = bars[k];
            Assert.Equal(aligner.StartOf(ticks.TimeTicks[g[0]]), b.Time.Ticks);
            Assert.Equal(new Ohlc(ticks.Bid[g[0]], g.Max(i => ticks.Bid[i]), g.Min(i => ticks.Bid[i]), ticks.Bid[g[^1]]), b.Bid);
            Assert.Equal(new Ohlc(ticks.Ask[g[0]], g.Max(i => ticks.Ask[i]), g.Min(i => ticks.Ask[i]), ticks.Ask[g[^1]]), b.Ask);
        }

        // The batch resampler is the same aggregator: identical bars.
        var batch = Resampler.FromTicks(ticks, target, TradingSession.Forex);
        Assert.Equal(bars.Select(b => b.Time.Ticks), batch.TimeTicks.ToArray());
        Assert.Equal(bars.Select(b => b.Ask.Close), batch.Ask!.Close.ToArray());
    }

    [Fact]
    public void A_heartbeat_past_the_bar_end_completes_it_and_an_older_quote_is_refused()
    {
        var t0 = Utc(2024, 1, 3, 10).Ticks;
        var aggregator = new QuoteBarAggregator(BarPeriod.M1, TradingSession.Forex);
        Assert.False(aggregator.Add(t0 + TimeSpan.TicksPerSecond * 5, 1.1000, 1.1002, out _));
        Assert.False(aggregator.Add(t0 + TimeSpan.TicksPerSecond * 50, 1.0990, 1.0993, out _));
        Assert.False(aggregator.Advance(t0 + TimeSpan.TicksPerSecond * 59, out _));
        Assert.True(aggregator.Advance(t0 + TimeSpan.TicksPerMinute, out var bar));
        Assert.Equal(new QuoteBar(new DateTime(t0, DateTimeKind.Utc), new Ohlc(1.1000, 1.1000, 1.0990, 1.0990), new Ohlc(1.1002, 1.1002, 1.0993, 1.0993)), bar);
        Assert.False(aggregator.HasOpenBar);
        Assert.Throws<ArgumentException>(() => aggregator.Add(t0, 1.1, 1.1002, out _));
    }
}
