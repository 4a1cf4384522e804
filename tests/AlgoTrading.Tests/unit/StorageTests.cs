using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Storage;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

public class StorageTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    private static BarSeries Hourly(DateTime start, int count, double price) => Flat(start, BarPeriod.H1, count, price);

    [Fact]
    public async Task Parquet_round_trip_is_lossless_for_quotes_trades_and_ticks()
    {
        var quotes = Quote(BarPeriod.M1, 0.00013, (Utc(2024, 1, 2, 10), 1.10001, 1.10123, 1.09987, 1.1011), (Utc(2024, 1, 2, 10, 1), 1.1011, 1.1012, 1.1, 1.10003));
        var path = Path.Combine(_dir.Path, "q.parquet");
        await ParquetMarketFile.WriteAsync(quotes, path);
        var back = (await ParquetMarketFile.ReadAsync(path)).Bars!;
        Assert.Equal((BarKind.Quote, BarPeriod.M1, "TEST"), (back.Kind, back.Period, back.Instrument));
        Assert.Equal(quotes.TimeTicks.ToArray(), back.TimeTicks.ToArray());
        Assert.Equal(quotes.Ask!.High.ToArray(), back.Ask!.High.ToArray());

        var trades = Trade(BarPeriod.D1, (Utc(1998, 1, 2, 5), 97.31, 97.53, 96.53, 97.36));
        await ParquetMarketFile.WriteAsync(trades, path);
        var tb = (await ParquetMarketFile.ReadAsync(path)).Bars!;
        Assert.Equal(new Ohlc(97.31, 97.53, 96.53, 97.36), tb.Trade![0]);

        var tickBuilder = new TickSeriesBuilder();
        tickBuilder.Add(new DateTime(2014, 5, 1, 0, 0, 0, 292, DateTimeKind.Utc).Ticks, 1.38676, 1.38686);
        tickBuilder.Add(new DateTime(2014, 5, 1, 0, 0, 0, 292, DateTimeKind.Utc).Ticks, 1.38677, 1.38687);
        await ParquetMarketFile.WriteAsync(tickBuilder.Build("EUR_USD"), path);
        var ticks = (await ParquetMarketFile.ReadAsync(path)).Ticks!;
        Assert.Equal(2, ticks.Count);
        Assert.Equal(new DateTime(2014, 5, 1, 0, 0, 0, 292, DateTimeKind.Utc), ticks[1].Time);
        Assert.Equal(1.38687, ticks[1].Ask);
    }

    [Fact]
    public async Task Parquet_read_by_parallel_readers_puts_every_column_of_every_row_group_in_its_place()
    {
        // More rows than one row group (2^20) and than the parallel-read threshold: the readers split the columns
        // and walk both row groups. Every column holds values of its own, so a column read into another's place,
        // or a row group written at the wrong offset, fails.
        const int n = (1 << 20) + 51_234;
        var time = new long[n];
        var columns = new double[8][];
        for (int c = 0; c < 8; c++) columns[c] = new double[n];
        for (int i = 0; i < n; i++)
        {
            time[i] = Utc(2020, 1, 1).Ticks + i * TimeSpan.TicksPerMinute;
            for (int c = 0; c < 8; c++) columns[c][i] = 1 + c + i * 1e-6;
        }
        var bars = new BarSeries("EUR_USD", BarPeriod.M1, BarKind.Quote, time, n,
            new OhlcColumns(columns[0], columns[1], columns[2], columns[3], n), new OhlcColumns(columns[4], columns[5], columns[6], columns[7], n), null, null);
        var path = Path.Combine(_dir.Path, "large.parquet");
        await ParquetMarketFile.WriteAsync(bars, path);
        var back = (await ParquetMarketFile.ReadAsync(path)).Bars!;
        Assert.Equal(n, back.Count);
        Assert.True(back.TimeTicks.SequenceEqual(time));
        OhlcColumns[] sides = [back.Bid!, back.Ask!];
        for (int c = 0; c < 8; c++)
        {
            var side = sides[c / 4];
            var read = (c % 4) switch { 0 => side.Open, 1 => side.High, 2 => side.Low, _ => side.Close };
            Assert.True(read.SequenceEqual(columns[c]), $"column {c} differs");
        }
    }

    [Fact]
    public async Task A_prefetched_parquet_read_is_taken_once_and_never_for_a_file_that_changed_since()
    {
        var path = Path.Combine(_dir.Path, "prefetch.parquet");
        await ParquetMarketFile.WriteAsync(Hourly(Utc(2024, 1, 2), 3, 1.1), path);
        MarketDataReader.Prefetch(path);
        Assert.Equal(3, (await MarketDataReader.LoadAsync(path)).Bars!.Count);

        // Prefetched, then rewritten before the load: the load reads the file as it is now.
        MarketDataReader.Prefetch(path);
        await ParquetMarketFile.WriteAsync(Hourly(Utc(2024, 1, 2), 5, 1.2), path);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
        var now = (await MarketDataReader.LoadAsync(path)).Bars!;
        Assert.Equal((5, 1.2), (now.Count, now.Bid!.Close[4]));

        // A missing file is left to the load, which names it.
        var missing = Path.Combine(_dir.Path, "missing.parquet");
        MarketDataReader.Prefetch(missing);
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => MarketDataReader.LoadAsync(missing));
        Assert.Contains("missing.parquet", e.Message);
    }

    [Fact]
    public async Task Import_twice_adds_nothing_and_overlap_replaces()
    {
        var store = new MarketDataStore(_dir.Path);
        var first = await store.ImportAsync("forex", Hourly(Utc(2024, 1, 2), 10, 1.1));
        Assert.Equal((10, 0), (first.Added, first.Replaced));
        var again = await store.ImportAsync("forex", Hourly(Utc(2024, 1, 2), 10, 1.1));
        Assert.Equal((0, 10), (again.Added, again.Replaced));
        var overlap = await store.ImportAsync("forex", Hourly(Utc(2024, 1, 2, 5), 10, 1.2)); // 05..14: 5 new, 5 replaced
        Assert.Equal((5, 5), (overlap.Added, overlap.Replaced));
        var all = (BarSeries)await store.ReadAsync("forex", "EUR_USD", BarPeriod.H1);
        Assert.Equal(15, all.Count);
        Assert.Equal(1.1, all.Bid!.Close[4]);
        Assert.Equal(1.2, all.Bid.Close[5]);
        Assert.True(all.TimeTicks.ToArray().SequenceEqual(all.TimeTicks.ToArray().Order()));
    }

    [Fact]
    public async Task Store_splits_by_year_in_the_documented_layout()
    {
        var store = new MarketDataStore(_dir.Path);
        var result = await store.ImportAsync("forex", Hourly(Utc(2023, 12, 31, 22), 4, 1.1));
        Assert.Equal([Path.Combine(_dir.Path, "forex", "EUR_USD", "H1", "2023.parquet"), Path.Combine(_dir.Path, "forex", "EUR_USD", "H1", "2024.parquet")], result.Files);
        Assert.Equal(4, (await store.ReadAsync("forex", "EUR_USD", BarPeriod.H1)).Count);
    }

    [Fact]
    public async Task Tick_import_replaces_the_imported_time_range()
    {
        var store = new MarketDataStore(_dir.Path);
        TickSeries Ticks(params (int sec, double bid)[] rows)
        {
            var b = new TickSeriesBuilder();
            foreach (var (sec, bid) in rows) b.Add(Utc(2014, 5, 1, 0, 0, sec).Ticks, bid, bid + 0.0001);
            return b.Build("EUR_USD");
        }
        await store.ImportAsync("forex", Ticks((1, 1.1), (2, 1.1), (2, 1.2), (5, 1.3)));
        await store.ImportAsync("forex", Ticks((2, 1.15), (3, 1.16)));
        var back = (TickSeries)await store.ReadAsync("forex", "EUR_USD", BarPeriod.Tick);
        Assert.Equal([1.1, 1.15, 1.16, 1.3], back.Bid.ToArray());
    }

    [Fact]
    public async Task Reading_an_empty_store_names_what_is_missing()
    {
        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => new MarketDataStore(_dir.Path).ReadAsync("forex", "EUR_USD", BarPeriod.M1));
        Assert.Contains("forex/EUR_USD/M1", e.Message);
    }

    [Fact]
    public async Task Csv_writer_output_reads_back_identically()
    {
        var bars = Quote(BarPeriod.M1, 0.0002, (Utc(2024, 1, 2, 10), 1.10001, 1.10123, 1.09987, 1.1011));
        var path = Path.Combine(_dir.Path, "out.csv");
        NormalisedCsvWriter.Write(bars, path);
        var back = (await MarketDataReader.LoadAsync(path)).Bars!;
        Assert.Equal(bars.Bid![0], back.Bid![0]);
        Assert.Equal(bars.Ask![0], back.Ask![0]);
        Assert.Equal(bars.TimeAt(0), back.TimeAt(0));
    }
}
