using AlgoTrading.Data.Synthetic;
using AlgoTrading.Features.Sets;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The hot loops allocate nothing per bar. Each test runs the same loop over n and 2n bars and
/// checks that the extra bars cost no more managed memory than the outputs they must produce
/// (timings are never asserted; allocations are deterministic).
/// </summary>
public class AllocationTests
{
    private static readonly BarSeries Small = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(20_000));
    private static readonly BarSeries Large = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(40_000));

    // The least of three measured runs after a warm-up: a one-time allocation (a lazily built table, a
    // runtime cache filled on the second call) lands in one run only, and would otherwise make the
    // smaller series look more expensive (seen once: -4,304 bytes). A per-bar allocation is in every run.
    private static long AllocatedBy(Action action)
    {
        action(); // warm up: static initialisers, first-call stubs
        long least = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    [Fact]
    public void A_backtest_bar_allocates_only_its_equity_point_and_time()
    {
        var eur = TradableInstrument.FromSymbol("EUR_USD") with { TypicalSpreadPips = 1.2 };
        // Windows longer than the data: the strategy computes every bar and never trades, so every
        // byte beyond the fixed per-run cost belongs to the per-bar path.
        long RunOn(BarSeries bars) => AllocatedBy(() =>
        {
            var strategy = StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "50000", ["slow"] = "60000", ["mode"] = "longshort" });
            var engine = new BacktestEngine([new BacktestFeed(eur, bars, strategy)]);
            var result = engine.Run();
            Assert.Empty(result.Trades);
        });
        long extra = RunOn(Large) - RunOn(Small);
        long bars = Large.Count - Small.Count;
        // The equity curve is 16 bytes a bar (its value, and its time copied from the bars so the result
        // owns it); anything more per bar is an allocation in the loop.
        Assert.InRange(extra, 0, 16 * bars + 4096);
    }

    [Fact]
    public void Streaming_the_classic_feature_set_allocates_nothing_per_bar()
    {
        var classic = FeatureSetCompiler.Compile("classic", BuiltInFeatureSets.Classic);
        long StreamOver(BarSeries series)
        {
            var feed = Enumerable.Range(0, series.Count).Select(i => FeatureStream.BarOf(series, PriceSource.Mid, i)).ToArray();
            return AllocatedBy(() =>
            {
                var stream = classic.CreateStream();
                foreach (var bar in feed) stream.Update(bar);
            });
        }
        long extra = StreamOver(Large) - StreamOver(Small);
        Assert.InRange(extra, 0, 1024);
    }
}
