using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Tests.Support;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Integration;

public class RealDataProcessingTests
{
    private static async Task<BarSeries> Minutes(string file)
    {
        var bars = (await MarketDataReader.LoadAsync(SharedData.Market(file))).Bars!;
        return MarketDataValidator.Validate(bars, new ValidationOptions { Policy = ValidationPolicy.Drop }).Clean;
    }

    [Fact]
    public async Task Gaps_in_the_sparse_minute_file_match_a_naive_count_and_skip_weekends()
    {
        var bars = await Minutes("forex/oanda/minute/eurusd_minute_quote.csv");
        var report = GapDetector.Detect(bars, TradingSession.Forex);
        var ny = MarketTimeZones.NewYork;
        // Naive reference: walk every minute between consecutive bars and ask the zone directly.
        long expectedMissing = 0;
        int expectedGaps = 0;
        for (int i = 1; i < bars.Count; i++)
        {
            int missing = 0;
            for (var t = bars.TimeAt(i - 1).AddMinutes(1); t < bars.TimeAt(i); t = t.AddMinutes(1))
            {
                var local = TimeZoneInfo.ConvertTimeFromUtc(t.AddSeconds(30), ny);
                bool weekend = local.DayOfWeek == DayOfWeek.Saturday
                    || (local.DayOfWeek == DayOfWeek.Friday && local.Hour >= 17)
                    || (local.DayOfWeek == DayOfWeek.Sunday && local.Hour < 17);
                if (!weekend) missing++;
            }
            if (missing > 0) { expectedGaps++; expectedMissing += missing; }
        }
        Assert.Equal(expectedGaps, report.Count);
        Assert.Equal(expectedMissing, report.MissingBars);
        // The weekend of 2014-05-02/04 is not a gap: no reported gap starts on Friday 16:59 NY (20:59 UTC).
        Assert.DoesNotContain(report.Gaps, g => g.After == new DateTime(2014, 5, 2, 20, 59, 0, DateTimeKind.Utc) && g.MissingBars > 0 && g.Before >= new DateTime(2014, 5, 4, 21, 0, 0, DateTimeKind.Utc) && g.MissingBars > 100);
    }

    [Fact]
    public async Task Forward_fill_makes_the_minute_file_dense_inside_sessions()
    {
        var bars = await Minutes("forex/oanda/minute/nzdusd_minute_quote.csv");
        var (filled, inserted) = GapFiller.ForwardFill(bars, TradingSession.Forex);
        Assert.Equal(bars.Count + inserted, filled.Count);
        Assert.Equal(0, GapDetector.Detect(filled, TradingSession.Forex).Count);
    }

    [Fact]
    public async Task Minute_to_hour_resampling_equals_a_naive_group_by()
    {
        var bars = await Minutes("forex/oanda/minute/eurusd_minute_quote.csv");
        var h1 = Resampler.Resample(bars, BarPeriod.H1, TradingSession.Forex);
        var groups = Enumerable.Range(0, bars.Count).GroupBy(i => bars.TimeTicks[i] - bars.TimeTicks[i] % TimeSpan.TicksPerHour).ToList();
        Assert.Equal(groups.Count, h1.Count);
        for (int k = 0; k < groups.Count; k++)
        {
            var g = groups[k].ToList();
            Assert.Equal(groups[k].Key, h1.TimeTicks[k]);
            Assert.Equal(bars.Bid!.Open[g[0]], h1.Bid!.Open[k]);
            Assert.Equal(g.Max(i => bars.Bid.High[i]), h1.Bid.High[k]);
            Assert.Equal(g.Min(i => bars.Ask!.Low[i]), h1.Ask!.Low[k]);
            Assert.Equal(bars.Ask!.Close[g[^1]], h1.Ask.Close[k]);
        }
    }

    [Fact]
    public async Task Ticks_to_minutes_match_the_vendor_minute_bars_where_both_exist()
    {
        // OANDA's own minute bars are built from the same quotes, so closes must agree on most bars.
        var ticks = MarketDataValidator.Validate((await MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/tick/eurusd_tick_quote_20140505.csv"))).Ticks!,
            new ValidationOptions { Policy = ValidationPolicy.Repair }).Clean;
        var fromTicks = Resampler.FromTicks(ticks, BarPeriod.M1, TradingSession.Forex);
        var vendor = await Minutes("forex/oanda/minute/eurusd_minute_quote.csv");
        var byTime = Enumerable.Range(0, vendor.Count).ToDictionary(i => vendor.TimeTicks[i]);
        int compared = 0, equal = 0;
        for (int k = 0; k < fromTicks.Count; k++)
        {
            if (!byTime.TryGetValue(fromTicks.TimeTicks[k], out var v)) continue;
            compared++;
            if (Math.Abs(fromTicks.Bid!.Close[k] - vendor.Bid!.Close[v]) < 1e-9) equal++;
        }
        Assert.True(compared > 1000, $"compared {compared}");
        Assert.True(equal > compared * 0.9, $"{equal} of {compared} closes agree");
    }

    [Fact]
    public async Task Index_minute_data_has_no_gaps_overnight_in_its_own_session()
    {
        var bars = await Minutes("index/usa/minute/spx_minute_trade.csv");
        var session = new AlgoTrading.Data.SessionOptions { TimeZone = "America/Chicago", WeekOpen = "Mon 08:30", WeekClose = "Fri 15:00", DailyBreaks = ["15:00-08:30"] }.ToSession("us_index_cash");
        var report = GapDetector.Detect(bars, session);
        // Five separate days: the long breaks between them are closed time except for whole missing weekdays.
        Assert.All(report.Gaps, g => Assert.True(g.MissingBars % 390 == 0 || g.MissingBars < 390, $"{g}"));
    }
}
