using AlgoTrading.Configuration;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit;

public class SessionAndGapTests
{
    private static readonly TradingSession Fx = TradingSession.Forex;

    [Theory]
    [InlineData(2024, 1, 5, 21, 59, true)]   // Fri 16:59 EST: still open
    [InlineData(2024, 1, 5, 22, 0, false)]   // Fri 17:00 EST: closed
    [InlineData(2024, 1, 7, 21, 59, false)]  // Sun 16:59 EST
    [InlineData(2024, 1, 7, 22, 0, true)]    // Sun 17:00 EST: open
    [InlineData(2024, 7, 5, 20, 59, true)]   // Fri 16:59 EDT
    [InlineData(2024, 7, 5, 21, 0, false)]   // Fri 17:00 EDT
    [InlineData(2024, 7, 3, 3, 0, true)]     // a Wednesday night
    public void Fx_week_runs_Sunday_17_to_Friday_17_New_York_in_both_seasons(int y, int mo, int d, int h, int mi, bool open) =>
        Assert.Equal(open, Fx.IsOpen(Utc(y, mo, d, h, mi)));

    [Fact]
    public void Daily_break_wrapping_midnight_is_closed()
    {
        var dax = new TradingSession("dax", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), (DayOfWeek.Monday, new TimeSpan(1, 15, 0)),
            (DayOfWeek.Friday, TimeSpan.FromHours(22)), [(TimeSpan.FromHours(22), new TimeSpan(1, 15, 0))]);
        Assert.False(dax.IsOpen(Utc(2019, 2, 20, 21, 30))); // 22:30 CET
        Assert.False(dax.IsOpen(Utc(2019, 2, 20, 23, 30))); // 00:30 CET
        Assert.True(dax.IsOpen(Utc(2019, 2, 21, 0, 15)));   // 01:15 CET
    }

    [Fact]
    public void Weekend_is_not_a_gap_but_a_missing_hour_is()
    {
        // H1 bars Friday 2024-01-05 19:00..21:00 UTC, then Sunday 22:00.. (weekend skipped), then a missing 01:00 on Monday.
        var b = new BarSeriesBuilder(BarKind.Trade);
        foreach (var t in new[] { Utc(2024, 1, 5, 19), Utc(2024, 1, 5, 20), Utc(2024, 1, 5, 21), Utc(2024, 1, 7, 22), Utc(2024, 1, 7, 23), Utc(2024, 1, 8, 0), Utc(2024, 1, 8, 2) })
            b.AddTrade(t.Ticks, 1, 1, 1, 1, 0);
        var report = GapDetector.Detect(b.Build("EUR_USD", BarPeriod.H1), Fx);
        var gap = Assert.Single(report.Gaps);
        Assert.Equal((Utc(2024, 1, 8, 0), Utc(2024, 1, 8, 2), 1), (gap.After, gap.Before, gap.MissingBars));
    }

    [Fact]
    public void Forward_fill_inserts_flat_bars_only_inside_the_session()
    {
        var b = new BarSeriesBuilder(BarKind.Quote);
        b.AddQuote(Utc(2024, 1, 5, 21, 57).Ticks, 1.1, 1.2, 1.0, 1.15, 1.1001, 1.2001, 1.0001, 1.1501);
        b.AddQuote(Utc(2024, 1, 7, 22, 1).Ticks, 1.2, 1.2, 1.2, 1.2, 1.2001, 1.2001, 1.2001, 1.2001);
        var (filled, inserted) = GapFiller.ForwardFill(b.Build("EUR_USD", BarPeriod.M1), Fx);
        // Friday 21:58 and 21:59 UTC (16:58, 16:59 EST) and Sunday 22:00 UTC (17:00 EST): three bars.
        Assert.Equal(3, inserted);
        Assert.Equal([Utc(2024, 1, 5, 21, 57), Utc(2024, 1, 5, 21, 58), Utc(2024, 1, 5, 21, 59), Utc(2024, 1, 7, 22, 0), Utc(2024, 1, 7, 22, 1)],
            Enumerable.Range(0, filled.Count).Select(filled.TimeAt));
        Assert.Equal(new Ohlc(1.15, 1.15, 1.15, 1.15), filled.Bid![1]);
        Assert.Equal(1.1501, filled.Ask![3].Close);
    }

    [Fact]
    public void Tick_gaps_need_the_minimum_silence_in_open_time()
    {
        var b = new TickSeriesBuilder();
        b.Add(Utc(2024, 1, 3, 10, 0).Ticks, 1, 1.1);
        b.Add(Utc(2024, 1, 3, 10, 3).Ticks, 1, 1.1);  // 2 silent minutes: not a gap
        b.Add(Utc(2024, 1, 3, 10, 20).Ticks, 1, 1.1); // 16 silent minutes: a gap
        var report = GapDetector.Detect(b.Build("EUR_USD"), Fx, TimeSpan.FromMinutes(5));
        Assert.Equal(16, Assert.Single(report.Gaps).MissingBars);
    }

    [Fact]
    public void Sessions_from_config_build_the_same_rules()
    {
        var options = new SessionOptions { TimeZone = "America/New_York", WeekOpen = "Sun 18:00", WeekClose = "Fri 17:00", DailyBreaks = ["17:00-18:00"], DayEnd = "17:00" };
        var s = options.ToSession("us_index_cfd");
        Assert.False(s.IsOpen(Utc(2024, 1, 3, 22, 30))); // Wed 17:30 EST: break
        Assert.True(s.IsOpen(Utc(2024, 1, 3, 23, 0)));   // Wed 18:00 EST
        Assert.Equal(TimeSpan.FromHours(17), s.DayEnd);
    }
}
