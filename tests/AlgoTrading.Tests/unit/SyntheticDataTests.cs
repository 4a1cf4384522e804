using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Synthetic;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit;

public class SyntheticDataTests
{
    private static readonly BarSeries EurUsd = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(40_000));

    [Fact]
    public void Same_seed_same_bars_other_seed_other_bars()
    {
        var again = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(40_000));
        Assert.Equal(EurUsd.Bid!.Close.ToArray(), again.Bid!.Close.ToArray());
        var other = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(40_000, seed: 99));
        Assert.NotEqual(EurUsd.Bid.Close[1000], other.Bid!.Close[1000]);
    }

    [Fact]
    public void Bars_exist_only_in_the_fx_session_and_pass_validation_without_gaps()
    {
        for (int i = 0; i < EurUsd.Count; i += 97) Assert.True(TradingSession.Forex.IsOpen(EurUsd.TimeAt(i)));
        var (_, report) = MarketDataValidator.Validate(EurUsd, new ValidationOptions());
        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(0, GapDetector.Detect(EurUsd, TradingSession.Forex).Count);
        // 40,000 minutes span at least one weekend: a gap of more than two days must exist in the timestamps.
        var times = EurUsd.TimeTicks.ToArray();
        Assert.Contains(Enumerable.Range(1, times.Length - 1), i => times[i] - times[i - 1] > TimeSpan.TicksPerDay * 2);
    }

    [Fact]
    public void Spread_widens_around_the_17_00_New_York_rollover()
    {
        var clock = new ZoneClock(MarketTimeZones.NewYork);
        var near = new List<double>();
        var away = new List<double>();
        for (int i = 0; i < EurUsd.Count; i++)
        {
            var local = new DateTime(clock.ToLocal(EurUsd.TimeTicks[i]));
            double spread = EurUsd.Ask!.Close[i] - EurUsd.Bid!.Close[i];
            Assert.True(spread > 0);
            double minutes = Math.Abs((local.TimeOfDay - TimeSpan.FromHours(17)).TotalMinutes);
            if (minutes <= 20) near.Add(spread); else if (minutes > 120) away.Add(spread);
        }
        Assert.True(near.Average() > 3 * away.Average(), $"rollover {near.Average()} vs normal {away.Average()}");
    }

    [Fact]
    public void Volatility_clusters()
    {
        // Absolute returns are positively autocorrelated under GARCH; independent returns would give ~0.
        var c = EurUsd.Bid!.Close.ToArray();
        var abs = Enumerable.Range(1, c.Length - 1).Select(i => Math.Abs(Math.Log(c[i] / c[i - 1]))).ToArray();
        double mean = abs.Average();
        double cov = 0, var = 0;
        for (int i = 1; i < abs.Length; i++) cov += (abs[i] - mean) * (abs[i - 1] - mean);
        for (int i = 0; i < abs.Length; i++) var += (abs[i] - mean) * (abs[i] - mean);
        Assert.True(cov / var > 0.05, $"lag-1 autocorrelation of |r| = {cov / var}");
    }

    [Fact]
    public void Index_bars_respect_the_daily_break()
    {
        var session = new AlgoTrading.Data.SessionOptions { TimeZone = "America/New_York", WeekOpen = "Sun 18:00", WeekClose = "Fri 17:00", DailyBreaks = ["17:00-18:00"], DayEnd = "17:00" }.ToSession("us_index_cfd");
        var spx = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.Spx500(session, 5_000));
        for (int i = 0; i < spx.Count; i++) Assert.True(session.IsOpen(spx.TimeAt(i)));
        Assert.InRange(spx.Bid!.Close[^1], 3000, 7000);
        Assert.Equal("SPX500_USD", spx.Instrument);
    }
}
