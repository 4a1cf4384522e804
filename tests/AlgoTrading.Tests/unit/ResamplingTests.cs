using AlgoTrading.Data.Processors;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit;

public class ResamplingTests
{
    private static readonly TradingSession Fx = TradingSession.Forex;

    [Fact]
    public void M1_to_M5_aggregates_by_hand()
    {
        var bars = Trade(BarPeriod.M1,
            (Utc(2024, 1, 3, 10, 0), 1.0, 1.5, 0.9, 1.2),
            (Utc(2024, 1, 3, 10, 1), 1.2, 1.6, 1.1, 1.3),
            (Utc(2024, 1, 3, 10, 4), 1.3, 1.4, 0.8, 1.0),
            (Utc(2024, 1, 3, 10, 6), 1.0, 1.1, 0.95, 1.05)); // next bucket; 10:05 is missing and starts the bucket anyway
        var m5 = Resampler.Resample(bars, BarPeriod.M5, Fx);
        Assert.Equal(2, m5.Count);
        Assert.Equal(Utc(2024, 1, 3, 10, 0), m5.TimeAt(0));
        Assert.Equal(new Ohlc(1.0, 1.6, 0.8, 1.0), m5.Trade![0]);
        Assert.Equal(3, m5.Volume[0]);
        Assert.Equal(Utc(2024, 1, 3, 10, 5), m5.TimeAt(1));
        Assert.Equal(new Ohlc(1.0, 1.1, 0.95, 1.05), m5.Trade[1]);
    }

    [Fact]
    public void Fx_daily_bar_closes_at_17_New_York_in_winter_and_summer()
    {
        // Winter: the day ends 22:00 UTC. 21:59 belongs to the day that started the previous 22:00; 22:00 starts the next.
        var w = Trade(BarPeriod.H1, (Utc(2024, 1, 3, 21), 1, 2, 1, 2), (Utc(2024, 1, 3, 22), 3, 3, 3, 3));
        var wd = Resampler.Resample(w, BarPeriod.D1, Fx);
        Assert.Equal([Utc(2024, 1, 2, 22), Utc(2024, 1, 3, 22)], [wd.TimeAt(0), wd.TimeAt(1)]);
        // Summer: the day ends 21:00 UTC.
        var s = Trade(BarPeriod.H1, (Utc(2024, 7, 3, 20), 1, 2, 1, 2), (Utc(2024, 7, 3, 21), 3, 3, 3, 3));
        var sd = Resampler.Resample(s, BarPeriod.D1, Fx);
        Assert.Equal([Utc(2024, 7, 2, 21), Utc(2024, 7, 3, 21)], [sd.TimeAt(0), sd.TimeAt(1)]);
    }

    [Fact]
    public void Daily_bars_across_the_March_DST_week_follow_New_York_17_00()
    {
        // 2024-03-10 is the US spring-forward. One bar per hour, value = its UTC hour index, from Fri 8th to Wed 13th.
        var b = new BarSeriesBuilder(BarKind.Trade);
        var hours = new List<DateTime>();
        for (var t = Utc(2024, 3, 6, 22); t < Utc(2024, 3, 13, 21); t = t.AddHours(1))
            if (Fx.IsOpen(t)) { b.AddTrade(t.Ticks, t.Hour, t.Hour, t.Hour, t.Hour, 1); hours.Add(t); }
        var d1 = Resampler.Resample(b.Build("EUR_USD", BarPeriod.H1), BarPeriod.D1, Fx);
        // Trading days (bar starts): Wed 6th 22:00 (EST), Thu 7th 22:00, Sun 10th 21:00 (EDT now), Mon 11th 21:00, Tue 12th 21:00.
        Assert.Equal([Utc(2024, 3, 6, 22), Utc(2024, 3, 7, 22), Utc(2024, 3, 10, 21), Utc(2024, 3, 11, 21), Utc(2024, 3, 12, 21)],
            Enumerable.Range(0, d1.Count).Select(d1.TimeAt));
        // Friday's session (Thu 22:00 to Fri 22:00 UTC) has 24 H1 bars; Sunday's bar starts Sun 21:00 UTC and has 24 too.
        Assert.Equal(24, d1.Volume[1]);
        Assert.Equal(24, d1.Volume[2]);
        // Every H1 bar lands in exactly one day.
        Assert.Equal(hours.Count, (int)d1.Volume.ToArray().Sum());
    }

    [Fact]
    public void H4_bars_start_at_17_21_01_New_York_whatever_the_season()
    {
        var aligner = new BarAligner(BarPeriod.H4, Fx);
        // Winter 18:30 EST (23:30 UTC) -> bar 17:00 EST = 22:00 UTC.
        Assert.Equal(Utc(2024, 1, 3, 22).Ticks, aligner.StartOf(Utc(2024, 1, 3, 23, 30).Ticks));
        // Summer 02:10 EDT (06:10 UTC) -> bar 01:00 EDT = 05:00 UTC.
        Assert.Equal(Utc(2024, 7, 3, 5).Ticks, aligner.StartOf(Utc(2024, 7, 3, 6, 10).Ticks));
    }

    [Fact]
    public void Weekly_bar_starts_Sunday_17_and_monthly_with_the_first_trading_day()
    {
        var w = new BarAligner(BarPeriod.W1, Fx);
        Assert.Equal(Utc(2024, 1, 7, 22).Ticks, w.StartOf(Utc(2024, 1, 10, 12).Ticks));
        var m = new BarAligner(BarPeriod.MN1, Fx);
        // 2024-02-29 21:30 UTC (16:30 EST) is still the trading day of Feb 29; 22:30 UTC belongs to March 1.
        Assert.Equal(Utc(2024, 1, 31, 22).Ticks, m.StartOf(Utc(2024, 2, 29, 21, 30).Ticks));
        Assert.Equal(Utc(2024, 2, 29, 22).Ticks, m.StartOf(Utc(2024, 2, 29, 22, 30).Ticks));
    }

    [Fact]
    public void Ticks_to_bars_keep_bid_and_ask_sides()
    {
        var b = new TickSeriesBuilder();
        b.Add(Utc(2024, 1, 3, 10, 0, 5).Ticks, 1.10, 1.11);
        b.Add(Utc(2024, 1, 3, 10, 0, 30).Ticks, 1.13, 1.14);
        b.Add(Utc(2024, 1, 3, 10, 0, 59).Ticks, 1.09, 1.12);
        b.Add(Utc(2024, 1, 3, 10, 1, 0).Ticks, 1.12, 1.13);
        var m1 = Resampler.FromTicks(b.Build("EUR_USD"), BarPeriod.M1, Fx);
        Assert.Equal(2, m1.Count);
        Assert.Equal(new Ohlc(1.10, 1.13, 1.09, 1.09), m1.Bid![0]);
        Assert.Equal(new Ohlc(1.11, 1.14, 1.11, 1.12), m1.Ask![0]);
        Assert.Equal(Utc(2024, 1, 3, 10, 1), m1.TimeAt(1));
    }

    [Theory]
    [InlineData("H1", "M1")]
    [InlineData("M5", "M7")]
    public void Finer_or_uneven_targets_are_rejected(string source, string target)
    {
        var bars = Flat(Utc(2024, 1, 3), BarPeriod.Parse(source), 3);
        Assert.Throws<ArgumentException>(() => Resampler.Resample(bars, BarPeriod.Parse(target), Fx));
    }

    [Fact]
    public void Resampled_past_does_not_change_when_the_future_changes()
    {
        var a = Flat(Utc(2024, 1, 3), BarPeriod.M1, 600);
        var b = new BarSeriesBuilder(BarKind.Quote);
        for (int i = 0; i < a.Count; i++)
        {
            double p = i >= 300 ? 1.3 : 1.1; // the future differs from bar 300 (05:00) on
            b.AddQuote(a.TimeTicks[i], p, p, p, p, p + 0.0001, p + 0.0001, p + 0.0001, p + 0.0001);
        }
        var ha = Resampler.Resample(a, BarPeriod.H1, Fx);
        var hb = Resampler.Resample(b.Build("EUR_USD", BarPeriod.M1), BarPeriod.H1, Fx);
        for (int h = 0; h < 5; h++) Assert.Equal(ha.Bid![h], hb.Bid![h]);
        Assert.NotEqual(ha.Bid![5], hb.Bid![5]);
    }

    [Theory]
    [InlineData("America/New_York", 17)] // FX: DST moves on a Sunday at 02:00, inside a day that runs 17:00 to 17:00
    [InlineData("Europe/Berlin", 22)]    // an index session ending late evening; DST on a different date
    [InlineData("Australia/Sydney", 7)]  // the southern hemisphere: DST ends in April, starts in October
    [InlineData("America/Chicago", 0)]   // a day end at midnight
    public void Daily_bounds_found_from_the_previous_day_equal_those_found_from_scratch(string zone, int dayEndHour)
    {
        // Sorted times take the next-day shortcut (the day after the cached one, when the offset is the same at
        // both its ends); a new aligner per time never does. Every 37 minutes over six years, with jumps of whole
        // days (weekends, gaps), covers 24 DST changes: each 23 or 25 hour day must come out as from scratch.
        var session = new TradingSession(zone, TimeZoneInfo.FindSystemTimeZoneById(zone), (DayOfWeek.Sunday, TimeSpan.Zero), (DayOfWeek.Saturday, TimeSpan.Zero),
            dayEnd: TimeSpan.FromHours(dayEndHour));
        var sorted = new BarAligner(BarPeriod.D1, session);
        var lengths = new HashSet<long>();
        long previous = long.MinValue;
        int checkedTimes = 0;
        for (long t = Utc(2019, 1, 1).Ticks, step = 0; t < Utc(2025, 1, 1).Ticks; step++)
        {
            long start = sorted.StartOf(t);
            Assert.Equal(new BarAligner(BarPeriod.D1, session).StartOf(t), start);
            if (previous != long.MinValue && start != previous) lengths.Add(start - previous);
            previous = start;
            checkedTimes++;
            t += step % 500 == 499 ? 2 * TimeSpan.TicksPerDay + 3 * TimeSpan.TicksPerHour : 37 * TimeSpan.TicksPerMinute;
        }
        Assert.True(checkedTimes > 70_000, $"{checkedTimes} times checked");
        Assert.Contains(23 * TimeSpan.TicksPerHour, lengths); // consecutive days across DST changes were seen
        Assert.Contains(25 * TimeSpan.TicksPerHour, lengths);
    }
}
