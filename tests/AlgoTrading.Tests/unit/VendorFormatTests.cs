using AlgoTrading.Data.Loaders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

/// <summary>Each vendor format on a small hand-written file whose UTC values are worked out in the comments.</summary>
public class VendorFormatTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task HistData_M1_bars_are_fixed_EST_without_DST()
    {
        // July: New York is on EDT (UTC-4) but HistData stays at UTC-5, so 17:00 file time is 22:00 UTC.
        var path = _dir.File("DAT_ASCII_EURUSD_M1_2014.csv",
            "20140701 170000;1.369050;1.369120;1.368990;1.369100;0\n20140701 170100;1.369100;1.369200;1.369080;1.369150;7\n");
        Assert.Equal(MarketDataFormat.HistDataBars, MarketDataReader.Detect(path));
        var data = await MarketDataReader.LoadAsync(path, new() { Instrument = "EUR_USD" });
        var bars = data.Bars!;
        Assert.Equal(BarKind.Trade, bars.Kind);
        Assert.Equal(BarPeriod.M1, bars.Period);
        Assert.Equal(Utc(2014, 7, 1, 22, 0), bars.TimeAt(0));
        Assert.Equal(new Ohlc(1.36905, 1.36912, 1.36899, 1.3691), bars.Trade![0]);
        Assert.Equal(7, bars.Volume[1]);
        Assert.Equal([1, 2], bars.SourceLines.ToArray());
    }

    [Fact]
    public async Task HistData_ticks_read_milliseconds_in_EST()
    {
        var path = _dir.File("DAT_ASCII_EURUSD_T_201202.csv", "20120201 000000123,1.306600,1.306770,0\n20120201 000001500,1.306610,1.306780,0\n");
        var data = await MarketDataReader.LoadAsync(path);
        var ticks = data.Ticks!;
        Assert.Equal(new DateTime(2012, 2, 1, 5, 0, 0, 123, DateTimeKind.Utc), ticks[0].Time);
        Assert.Equal(1.30677, ticks[0].Ask);
        Assert.Equal(1.30661, ticks[1].Bid);
    }

    [Fact]
    public async Task MetaTrader4_export_joins_date_and_time_in_the_given_zone()
    {
        var path = _dir.File("EURUSD1.csv", "2014.05.01,00:00,1.38676,1.38700,1.38650,1.38690,123\n2014.05.01,00:01,1.38690,1.38720,1.38680,1.38700,88\n");
        Assert.Equal(MarketDataFormat.MetaTrader4, MarketDataReader.Detect(path));
        // A broker server on UTC+03 (EEST): 00:00 server time is 21:00 UTC the previous day.
        var data = await MarketDataReader.LoadAsync(path, new() { TimeZone = AlgoTrading.Time.MarketTimeZones.Resolve("UTC+03") });
        Assert.Equal(Utc(2014, 4, 30, 21, 0), data.Bars!.TimeAt(0));
        Assert.Equal(1.387, data.Bars.Trade!.High[0]);
        Assert.Equal(123, data.Bars.Volume[0]);
        Assert.Equal("EUR_USD", data.Bars.Instrument);
    }

    [Fact]
    public async Task MetaTrader5_export_maps_columns_by_header()
    {
        var path = _dir.File("EURUSD_M5.csv",
            "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n" +
            "2014.05.01\t00:00:00\t1.38676\t1.38700\t1.38650\t1.38690\t123\t0\t12\n" +
            "2014.05.01\t00:05:00\t1.38690\t1.38720\t1.38680\t1.38700\t88\t0\t10\n");
        Assert.Equal(MarketDataFormat.MetaTrader5, MarketDataReader.Detect(path));
        var bars = (await MarketDataReader.LoadAsync(path)).Bars!;
        Assert.Equal(BarPeriod.M5, bars.Period);
        Assert.Equal(Utc(2014, 5, 1, 0, 5), bars.TimeAt(1));
        Assert.Equal(1.3868, bars.Trade!.Low[1]);
        Assert.Equal(88, bars.Volume[1]);
    }

    [Fact]
    public void Generic_csv_maps_named_columns_and_reads_a_custom_layout()
    {
        var path = _dir.File("custom.txt", "Stamp|Px Open|Px High|Px Low|Px Close\n01/05/2014 09:30|100.5|101|100|100.75\n");
        var map = new Dictionary<CsvField, string>
        {
            [CsvField.Time] = "Stamp", [CsvField.Open] = "Px Open", [CsvField.High] = "Px High", [CsvField.Low] = "Px Low", [CsvField.Close] = "Px Close",
        };
        var format = DelimitedFormats.FromHeader(File.ReadLines(path).First(), map, RecordLayout.TradeBars, "dd/MM/yyyy HH:mm",
            AlgoTrading.Time.MarketTimeZones.NewYork, '|');
        var bars = DelimitedFileLoader.Load(path, format, "SPY").Bars!;
        Assert.Equal(Utc(2014, 5, 1, 13, 30), bars.TimeAt(0)); // EDT
        Assert.Equal(100.75, bars.Trade!.Close[0]);
        Assert.Equal(0, bars.Volume[0]);
    }

    [Fact]
    public void Generic_csv_names_a_missing_column()
    {
        var e = Assert.Throws<ArgumentException>(() => DelimitedFormats.FromHeader("a,b", new Dictionary<CsvField, string> { [CsvField.Time] = "when" },
            RecordLayout.TradeBars, "yyyy", TimeZoneInfo.Utc));
        Assert.Contains("'when'", e.Message);
    }

    [Fact]
    public async Task Malformed_field_names_file_line_and_field()
    {
        var path = _dir.File("bad.csv", "time_utc,bid,ask\n2014-05-01 00:00:00,1.1,1.2\n2014-05-01 00:00:01,1.1,abc\n");
        var e = await Assert.ThrowsAsync<MarketDataFormatException>(() => MarketDataReader.LoadAsync(path));
        Assert.Equal(3, e.Line);
        Assert.Equal("ask", e.Field);
        Assert.Contains("bad.csv:3", e.Message);
        Assert.Contains("'abc'", e.Message);
    }

    [Fact]
    public async Task Bad_timestamp_and_short_row_are_named()
    {
        var path = _dir.File("badtime.csv", "time_utc,bid,ask\n2014-05-01 00:00:00,1.1,1.2\n01/05/2014,1.1,1.2\n");
        var e = await Assert.ThrowsAsync<MarketDataFormatException>(() => MarketDataReader.LoadAsync(path));
        Assert.Equal((3, "time"), (e.Line, e.Field));
        var shortRow = _dir.File("short.csv", "time_utc,bid,ask\n2014-05-01 00:00:00,1.1\n");
        var e2 = await Assert.ThrowsAsync<MarketDataFormatException>(() => MarketDataReader.LoadAsync(shortRow));
        Assert.Equal(2, e2.Line);
        Assert.Contains("2 fields", e2.Message);
    }

    [Fact]
    public async Task Nonexistent_local_time_is_reported_not_shifted()
    {
        var path = _dir.File("spy_dst.csv", "time_ny,open,high,low,close,volume\n2014-03-09 02:30:00,1,1,1,1,1\n");
        var e = await Assert.ThrowsAsync<MarketDataFormatException>(() => MarketDataReader.LoadAsync(path));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public async Task Empty_price_becomes_NaN_for_the_validator()
    {
        var path = _dir.File("gap.csv", "time_utc,bid,ask\n2014-05-01 00:00:00,,1.2\n");
        var ticks = (await MarketDataReader.LoadAsync(path)).Ticks!;
        Assert.True(double.IsNaN(ticks.Bid[0]));
    }

    [Fact]
    public void Quoted_padded_and_exponent_fields_parse_like_plain_ones()
    {
        // Each price leaves the one-pass fast path differently; a trailing column nobody maps is ignored.
        var path = _dir.File("odd.csv", "when,bid,ask,note\n2014-05-01 00:00:00,\"1.1\", 1.2 ,x\n2014-05-01 00:00:01,1.1e0,1.25,\n");
        var map = new Dictionary<CsvField, string> { [CsvField.Time] = "when", [CsvField.Bid] = "bid", [CsvField.Ask] = "ask" };
        var format = DelimitedFormats.FromHeader(File.ReadLines(path).First(), map, RecordLayout.Ticks, "yyyy-MM-dd HH:mm:ss", TimeZoneInfo.Utc);
        var ticks = DelimitedFileLoader.Load(path, format).Series as TickSeries;
        Assert.NotNull(ticks);
        Assert.Equal([1.1, 1.1], ticks.Bid.ToArray());
        Assert.Equal([1.2, 1.25], ticks.Ask.ToArray());
    }

    [Fact]
    public void One_column_can_feed_two_fields()
    {
        // A single-price tick file read as quotes with no spread: bid and ask both come from "price".
        var path = _dir.File("trades.csv", "time,price\n2014-05-01 00:00:00,101.5\n2014-05-01 00:00:01,101.75\n");
        var map = new Dictionary<CsvField, string> { [CsvField.Time] = "time", [CsvField.Bid] = "price", [CsvField.Ask] = "price" };
        var format = DelimitedFormats.FromHeader(File.ReadLines(path).First(), map, RecordLayout.Ticks, "yyyy-MM-dd HH:mm:ss", TimeZoneInfo.Utc);
        var ticks = (TickSeries)DelimitedFileLoader.Load(path, format).Series;
        Assert.Equal(ticks.Bid.ToArray(), ticks.Ask.ToArray());
        Assert.Equal([101.5, 101.75], ticks.Ask.ToArray());
    }

    [Fact]
    public void Undetectable_file_asks_for_format()
    {
        var path = _dir.File("mystery.csv", "hello,world\n");
        var e = Assert.Throws<MarketDataFormatException>(() => MarketDataReader.Detect(path));
        Assert.Contains("--format", e.Message);
    }

    [Fact]
    public void Oanda_candles_read_bid_ask_skip_incomplete_and_parse_nanoseconds()
    {
        var path = _dir.File("candles.json", """
            {"instrument":"EUR_USD","granularity":"H1","candles":[
              {"complete":true,"volume":10,"time":"2016-10-17T15:00:00.000000000Z","bid":{"o":"1.09","h":"1.0950","l":"1.0890","c":"1.0940"},"ask":{"o":"1.0902","h":"1.0952","l":"1.0892","c":"1.0942"}},
              {"complete":true,"volume":12,"time":"2016-10-17T16:00:00.000000000Z","bid":{"o":"1.0940","h":"1.0960","l":"1.0930","c":"1.0955"},"ask":{"o":"1.0942","h":"1.0962","l":"1.0932","c":"1.0957"}},
              {"complete":false,"volume":3,"time":"2016-10-17T17:00:00.000000000Z","bid":{"o":"1.0955","h":"1.0956","l":"1.0950","c":"1.0951"},"ask":{"o":"1.0957","h":"1.0958","l":"1.0952","c":"1.0953"}}
            ]}
            """);
        var data = OandaCandlesLoader.Load(path);
        var bars = data.Bars!;
        Assert.Equal(2, bars.Count);
        Assert.Equal(BarPeriod.H1, bars.Period);
        Assert.Equal("EUR_USD", bars.Instrument);
        Assert.Equal(Utc(2016, 10, 17, 16), bars.TimeAt(1));
        Assert.Equal(new Ohlc(1.0902, 1.0952, 1.0892, 1.0942), bars.Ask![0]);
        Assert.Single(data.Notes);
        Assert.Contains("candles[2]", data.Notes[0]);
    }

    [Fact]
    public void Oanda_mid_only_becomes_trade_bars_and_bad_price_is_named()
    {
        var ok = _dir.File("mid.json", """{"instrument":"SPX500_USD","granularity":"D","candles":[{"complete":true,"volume":5,"time":"1476716400.000000000","mid":{"o":"2130.1","h":"2140.0","l":"2120.5","c":"2135.2"}}]}""");
        var bars = OandaCandlesLoader.Load(ok).Bars!;
        Assert.Equal((BarKind.Trade, BarPeriod.D1), (bars.Kind, bars.Period));
        Assert.Equal(Utc(2016, 10, 17, 15), bars.TimeAt(0));
        Assert.Equal(5, bars.Volume[0]);
        var bad = _dir.File("bad.json", """{"candles":[{"complete":true,"time":"2016-10-17T15:00:00Z","mid":{"o":"x","h":"1","l":"1","c":"1"}}]}""");
        var e = Assert.Throws<MarketDataFormatException>(() => OandaCandlesLoader.Load(bad));
        Assert.Equal("candles[0].mid.o", e.Field);
    }
}
