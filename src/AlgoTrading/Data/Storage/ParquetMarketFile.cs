using AlgoTrading.Data.Loaders;
using AlgoTrading.Domain;
using Parquet;
using Parquet.Schema;

namespace AlgoTrading.Data.Storage;

/// <summary>
/// Reads and writes bars and ticks as Parquet with the same column names as the normalised CSV:
/// <c>time_utc</c> (timestamp, microseconds, adjusted to UTC) then <c>bid_open..ask_close</c>,
/// <c>open..volume</c> or <c>bid,ask</c> (doubles). The instrument and period are stored as
/// file metadata. Sub-microsecond parts of timestamps are not kept (no source has them).
/// Files are written uncompressed: Snappy made reads three to eight times slower, while prices
/// repeat enough for Parquet's dictionary encoding to keep real files small (random-walk data
/// costs about 8 bytes per value).
/// </summary>
public static class ParquetMarketFile
{
    private const string InstrumentKey = "algotrading.instrument";
    private const string PeriodKey = "algotrading.period";
    private const int RowGroupSize = 1 << 20;
    // Files from this many rows are read by several readers at once; below it a second reader's start costs more than it saves.
    private const int ParallelFromRows = 100_000;
    private const int MaxReaders = 3;

    private static readonly DateTimeDataField TimeField = new("time_utc", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
    private static readonly string[] QuoteNames = ["bid_open", "bid_high", "bid_low", "bid_close", "ask_open", "ask_high", "ask_low", "ask_close"];
    private static readonly string[] TradeNames = ["open", "high", "low", "close", "volume"];
    private static readonly string[] TickNames = ["bid", "ask"];

    /// <summary>Writes <paramref name="series"/> (a <see cref="BarSeries"/> or <see cref="TickSeries"/>) to <paramref name="path"/>, replacing it.</summary>
    public static async Task WriteAsync(IMarketSeries series, string path, CancellationToken cancellationToken = default)
    {
        var (names, columns) = Columns(series);
        var fields = new List<Field> { TimeField };
        fields.AddRange(names.Select(n => new DataField<double>(n)));
        var schema = new ParquetSchema(fields);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string temp = path + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.None }, cancellationToken: cancellationToken);
            writer.CustomMetadata = new Dictionary<string, string> { [InstrumentKey] = series.Instrument, [PeriodKey] = series.Period.ToString() };
            var times = series.TimeTicks.ToArray();
            for (int start = 0; start < Math.Max(series.Count, 1); start += RowGroupSize)
            {
                int n = Math.Min(RowGroupSize, series.Count - start);
                using var group = writer.CreateRowGroup();
                var timeValues = new DateTime[n];
                for (int i = 0; i < n; i++) timeValues[i] = new DateTime(times[start + i], DateTimeKind.Utc);
                await group.WriteAsync<DateTime>(TimeField, timeValues.AsMemory(), cancellationToken: cancellationToken);
                for (int c = 0; c < columns.Length; c++)
                    await group.WriteAsync<double>((DataField)fields[c + 1], columns[c].AsMemory(start, n), cancellationToken: cancellationToken);
            }
        }
        File.Move(temp, path, overwrite: true); // a crash mid-write never leaves a half file in the store
    }

    /// <summary>Reads a file written by <see cref="WriteAsync"/>.</summary>
    /// <exception cref="MarketDataFormatException">The file is not readable Parquet or lacks the expected columns.</exception>
    public static async Task<LoadedMarketData> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try { return await ReadColumnsAsync(path, cancellationToken); }
        catch (Exception e) when (e is not (MarketDataFormatException or OperationCanceledException or FileNotFoundException
            or DirectoryNotFoundException or UnauthorizedAccessException or OutOfMemoryException))
        {
            // The Parquet library's own messages name its internals, not the user's file: say what it means instead.
            throw new MarketDataFormatException(path, 0, null, "not a readable Parquet file (truncated, corrupted or not Parquet)");
        }
    }

    private static async Task<LoadedMarketData> ReadColumnsAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        var dataFields = reader.Schema.GetDataFields();
        var byName = dataFields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        if (!byName.TryGetValue("time_utc", out var timeField))
            throw new MarketDataFormatException(path, 0, "time_utc", "the Parquet file has no time_utc column");
        string[] names = byName.ContainsKey("bid_open") ? QuoteNames : byName.ContainsKey("open") ? TradeNames : byName.ContainsKey("bid") ? TickNames
            : throw new MarketDataFormatException(path, 0, null, "the Parquet file has neither bid_open.., open.. nor bid,ask columns");
        string instrument = reader.CustomMetadata.GetValueOrDefault(InstrumentKey, "");
        BarPeriod? period = BarPeriod.TryParse(reader.CustomMetadata.GetValueOrDefault(PeriodKey), out var p) ? p : null;

        long total = 0;
        for (int g = 0; g < reader.RowGroupCount; g++) total += reader.RowGroups[g].RowCount;
        int count = checked((int)total);
        var fields = new DataField[names.Length];
        for (int c = 0; c < names.Length; c++)
            fields[c] = byName.TryGetValue(names[c], out var field) ? field : throw new MarketDataFormatException(path, 0, names[c], "the column is missing");
        // Every element is overwritten by the column reads below, so the columns start uninitialised.
        var time = ColumnAllocator.Allocate<long>(count);
        var columns = names.Select(_ => ColumnAllocator.Allocate<double>(count)).ToArray();
        // The columns are independent, so up to one reader per core reads its share of them from its own stream:
        // decoding 1M rows of nine columns is CPU work (~0.2 s on one core here), not waiting for the disk.
        // Column k (the time column is -1) goes to reader (k + 1) % readers; reader 0 is the one already open.
        int readers = count < ParallelFromRows ? 1 : Math.Clamp(Environment.ProcessorCount, 1, Math.Min(MaxReaders, names.Length + 1));
        var parts = new Task[readers];
        for (int r = 1; r < readers; r++)
        {
            int part = r;
            parts[r] = Task.Run(async () =>
            {
                await using var own = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                await using var ownReader = await ParquetReader.CreateAsync(own, cancellationToken: cancellationToken);
                await ReadPartAsync(ownReader, part, readers, timeField, fields, time, columns, cancellationToken);
            }, cancellationToken);
        }
        parts[0] = ReadPartAsync(reader, 0, readers, timeField, fields, time, columns, cancellationToken);
        await Task.WhenAll(parts);

        if (names == TickNames)
            return new LoadedMarketData(path, "parquet", new TickSeries(instrument, time, columns[0], columns[1], count));
        BarSeries bars = names == QuoteNames
            ? new BarSeries(instrument, period ?? BarPeriod.M1, BarKind.Quote, time, count,
                new OhlcColumns(columns[0], columns[1], columns[2], columns[3], count), new OhlcColumns(columns[4], columns[5], columns[6], columns[7], count), null, null)
            : new BarSeries(instrument, period ?? BarPeriod.M1, BarKind.Trade, time, count,
                null, null, new OhlcColumns(columns[0], columns[1], columns[2], columns[3], count), columns[4]);
        if (period is null) bars = bars.With(period: ResolutionDetector.Detect(bars.TimeTicks));
        return new LoadedMarketData(path, "parquet", bars);
    }

    // Reads, over every row group, the columns of one reader's share (see ReadColumnsAsync).
    private static async Task ReadPartAsync(ParquetReader reader, int part, int readers, DataField timeField, DataField[] fields, long[] time, double[][] columns,
        CancellationToken cancellationToken)
    {
        int offset = 0;
        var timeBuffer = Array.Empty<DateTime>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            if (part == 0)
            {
                if (timeBuffer.Length < n) timeBuffer = ColumnAllocator.Allocate<DateTime>(n);
                await group.ReadAsync<DateTime>(timeField, timeBuffer.AsMemory(0, n), cancellationToken: cancellationToken);
                for (int i = 0; i < n; i++) time[offset + i] = timeBuffer[i].Ticks; // Kind comes back Unspecified; the values are UTC
            }
            for (int c = (part + readers - 1) % readers; c < fields.Length; c += readers)
                await group.ReadAsync<double>(fields[c], columns[c].AsMemory(offset, n), cancellationToken: cancellationToken);
            offset += n;
        }
    }

    private static (string[] names, double[][] columns) Columns(IMarketSeries series) => series switch
    {
        TickSeries t => (TickNames, [t.Bid.ToArray(), t.Ask.ToArray()]),
        BarSeries { Kind: BarKind.Quote } b => (QuoteNames,
        [
            b.Bid!.Open.ToArray(), b.Bid.High.ToArray(), b.Bid.Low.ToArray(), b.Bid.Close.ToArray(),
            b.Ask!.Open.ToArray(), b.Ask.High.ToArray(), b.Ask.Low.ToArray(), b.Ask.Close.ToArray(),
        ]),
        BarSeries b => (TradeNames, [b.Trade!.Open.ToArray(), b.Trade.High.ToArray(), b.Trade.Low.ToArray(), b.Trade.Close.ToArray(), b.Volume.ToArray()]),
        _ => throw new ArgumentException($"cannot write a {series.GetType().Name}"),
    };
}
