using System.Globalization;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>Every normalised file in ../shared/data/market, checked against counts from its README and against a naive parser written here.</summary>
public class RealDataLoadingTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("forex/oanda/tick/eurusd_tick_quote_201405.csv", 532_903, "TICK", "2014-05-01 00:00:00.292")]
    [InlineData("forex/oanda/tick/eurusd_tick_quote_20140505.csv", 25_177, "TICK", null)]
    [InlineData("forex/oanda/second/eurusd_second_quote_201405.csv", 208_472, "S1", null)]
    [InlineData("forex/oanda/minute/eurusd_minute_quote.csv", 18_184, "M1", null)]
    [InlineData("forex/oanda/minute/nzdusd_minute_quote.csv", 15_543, "M1", null)]
    [InlineData("forex/oanda/hour/eurusd_hour_quote.csv", 74_439, "H1", "2007-01-01 21:00:00")]
    [InlineData("forex/oanda/daily/eurusd_daily_quote.csv", 3_738, "D1", null)]
    [InlineData("forex/fxcm/hour/eurusd_hour_quote.csv", 69_928, "H1", "2007-03-30 05:00:00")]  // UTC-05 file
    [InlineData("cfd/oanda/minute/de30eur_minute_quote_201902.csv", 3_638, "M1", "2019-02-20 00:15:00")]
    [InlineData("cfd/oanda/daily/xauusd_daily_quote.csv", 3_949, "D1", null)]
    [InlineData("equity/usa/hour/spy_hour_trade.csv", 40_832, "H1", null)]
    [InlineData("equity/usa/daily/spy_daily_trade.csv", 5_849, "D1", "1998-01-02 05:00:00")]   // New York midnight, EST
    [InlineData("index/usa/minute/spx_minute_trade.csv", 1_812, "M1", "2021-01-04 14:30:00")]  // 08:30 Chicago, CST
    public async Task Real_file_loads_with_its_documented_row_count_and_UTC_start(string file, int rows, string resolution, string? firstUtc)
    {
        var data = await MarketDataReader.LoadAsync(SharedData.Market(file));
        Assert.Equal(rows, data.Series.Count);
        Assert.Equal(resolution, data.Series.Period.ToString());
        if (firstUtc is not null)
            Assert.Equal(DateTime.Parse(firstUtc, CultureInfo.InvariantCulture).Ticks, data.Series.TimeTicks[0]);
        Assert.Equal(2, data.Series.SourceLines[0]);
    }

    [Fact]
    public async Task Fast_loader_equals_a_naive_parser_on_every_row_of_the_hour_file()
    {
        var path = SharedData.Market("forex/oanda/hour/eurusd_hour_quote.csv");
        var bars = (await MarketDataReader.LoadAsync(path)).Bars!;
        int i = 0;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal(DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture).Ticks, bars.TimeTicks[i]);
            Assert.Equal(double.Parse(f[1], CultureInfo.InvariantCulture), bars.Bid!.Open[i]);
            Assert.Equal(double.Parse(f[4], CultureInfo.InvariantCulture), bars.Bid.Close[i]);
            Assert.Equal(double.Parse(f[7], CultureInfo.InvariantCulture), bars.Ask!.High[i]);
            Assert.Equal(double.Parse(f[9], CultureInfo.InvariantCulture), bars.Ask.Close[i]);
            i++;
        }
        Assert.Equal(bars.Count, i);
    }

    [Fact]
    public async Task Fxcm_crossed_quotes_are_found_row_for_row()
    {
        var path = SharedData.Market("forex/fxcm/daily/eurusd_daily_quote.csv");
        // Independent count: a row is crossed when any ask field is below the same bid field.
        var expected = File.ReadLines(path).Skip(1).Select((line, k) => (line.Split(',').Select(s => s).ToArray(), line: k + 2))
            .Where(r => Enumerable.Range(0, 4).Any(j => double.Parse(r.Item1[6 + j], CultureInfo.InvariantCulture) < double.Parse(r.Item1[1 + j], CultureInfo.InvariantCulture)))
            .Select(r => r.line).ToList();
        Assert.True(expected.Count > 100, "the FXCM file is known to hold crossed quotes");
        var bars = (await MarketDataReader.LoadAsync(path)).Bars!;
        var (clean, report) = MarketDataValidator.Validate(bars, new ValidationOptions { Policy = ValidationPolicy.Drop });
        Assert.Equal(expected, report.Rows[ValidationIssue.CrossedQuote]);
        Assert.Equal(bars.Count - report.Dropped, clean.Count);
        var e = Assert.Throws<DataValidationException>(() => MarketDataValidator.Validate(bars, new ValidationOptions(), path));
        Assert.Contains($"{path}:{expected[0]}: ask_", e.Message);
    }

    [Fact]
    public async Task Oanda_tick_duplicates_match_the_documented_count()
    {
        var ticks = (await MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/tick/eurusd_tick_quote_201405.csv"))).Ticks!;
        var (clean, report) = MarketDataValidator.Validate(ticks, new ValidationOptions { Policy = ValidationPolicy.Repair });
        Assert.Equal(4_494, report.Rows[ValidationIssue.DuplicateTimestamp].Count);
        Assert.Equal(4_494, report.Dropped); // the earlier of each pair gives way to the later; spikes are kept
        Assert.Equal(532_903 - 4_494, clean.Count);
    }

    [Fact]
    public async Task Parquet_round_trip_of_the_tick_file_is_exact()
    {
        var ticks = (await MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/tick/eurusd_tick_quote_20140505.csv"))).Ticks!;
        var path = Path.Combine(_dir.Path, "ticks.parquet");
        await ParquetMarketFile.WriteAsync(ticks, path);
        var back = (await MarketDataReader.LoadAsync(path)).Ticks!;
        Assert.Equal(ticks.TimeTicks.ToArray(), back.TimeTicks.ToArray());
        Assert.Equal(ticks.Bid.ToArray(), back.Bid.ToArray());
        Assert.Equal(ticks.Ask.ToArray(), back.Ask.ToArray());
    }

    [Fact]
    public async Task Split_and_dividend_adjustment_with_the_real_factor_file()
    {
        var factors = FactorFile.Load(SharedData.Market("equity/usa/factor_files/spy_factors.csv"));
        var raw = (await MarketDataReader.LoadAsync(SharedData.Market("equity/usa/daily/spy_daily_trade.csv"))).Bars!;
        var adjusted = PriceAdjuster.Adjust(raw, factors, AlgoTrading.Time.MarketTimeZones.NewYork);
        // 1998-01-02: the first factor row is dated 19980102 with price_factor 0.6566606, split 1.
        Assert.Equal(97.36 * 0.6566606, adjusted.Trade!.Close[0], 9);
        // After the last factor row the bars are unadjusted.
        Assert.Equal(raw.Trade!.Close[^1], adjusted.Trade.Close[^1]);
    }
}
