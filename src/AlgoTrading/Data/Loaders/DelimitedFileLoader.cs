using System.Text;
using AlgoTrading.Data.Loaders.Text;
using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Loaders;

/// <summary>
/// Reads any <see cref="DelimitedFormat"/> in one streaming pass: bytes are parsed in place (no
/// strings per row), times are converted to UTC as they are read, and every row keeps its source
/// line number. An empty price field becomes NaN for the validator to report; a field that is
/// present but not a number, a missing column or an unreadable timestamp stops the load with a
/// <see cref="MarketDataFormatException"/> naming file, line and field.
/// </summary>
internal static class DelimitedFileLoader
{
    private const int MaxColumns = 64;

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="format">How to read it.</param>
    /// <param name="instrument">The symbol to label the series with (e.g. <c>EUR_USD</c>).</param>
    /// <param name="progress">Receives the fraction of bytes read, about every 64k rows.</param>
    public static LoadedMarketData Load(string path, DelimitedFormat format, string instrument = "", IProgress<double>? progress = null)
    {
        format.Validate();
        using var reader = Utf8LineReader.Open(path);
        return Load(reader, path, format, instrument, progress);
    }

    /// <summary>Loads from an open reader; <paramref name="sourceName"/> is used in messages.</summary>
    public static LoadedMarketData Load(Utf8LineReader reader, string sourceName, DelimitedFormat format, string instrument = "", IProgress<double>? progress = null)
    {
        format.Validate();
        var timePattern = new TimestampPattern(format.TimePattern);
        var datePattern = format.DatePattern is null ? null : new TimestampPattern(format.DatePattern);
        var toUtc = new ZoneClock(format.TimeZone);
        byte separator = (byte)format.Separator;
        var cols = format.Columns;
        int dateCol = cols.TryGetValue(CsvField.Date, out var dc) ? dc : -1;
        int timeCol = cols[CsvField.Time];
        CsvField[] priceFields = format.Layout switch
        {
            RecordLayout.QuoteBars => [CsvField.BidOpen, CsvField.BidHigh, CsvField.BidLow, CsvField.BidClose, CsvField.AskOpen, CsvField.AskHigh, CsvField.AskLow, CsvField.AskClose],
            RecordLayout.TradeBars => cols.ContainsKey(CsvField.Volume)
                ? [CsvField.Open, CsvField.High, CsvField.Low, CsvField.Close, CsvField.Volume]
                : [CsvField.Open, CsvField.High, CsvField.Low, CsvField.Close],
            _ => [CsvField.Bid, CsvField.Ask],
        };
        int[] priceCols = Array.ConvertAll(priceFields, f => cols[f]);
        int needed = cols.Values.Max() + 1;
        if (needed > MaxColumns) throw new ArgumentException($"format '{format.Name}': at most {MaxColumns} columns are supported");

        // What each column up to the last needed one feeds: a price slot, the time, the date, or
        // nothing. A column mapped to several price fields fills the first; the rest are copied.
        var roles = new int[needed];
        Array.Fill(roles, SkipRole);
        roles[timeCol] = TimeRole;
        if (dateCol >= 0) roles[dateCol] = DateRole;
        var copies = new List<(int From, int To)>();
        for (int k = 0; k < priceCols.Length; k++)
        {
            int first = Array.IndexOf(priceCols, priceCols[k]);
            if (first < k) copies.Add((first, k)); else roles[priceCols[k]] = k;
        }

        long length = reader.Length;
        Span<double> values = stackalloc double[8];
        // Every record must have as many fields as the header (or, without one, the first record):
        // an extra or missing field shifts the values into the wrong columns.
        int expectedFields = 0;
        if (format.HasHeader)
        {
            if (!reader.TryReadLine(out var header)) throw new MarketDataFormatException(sourceName, 0, null, "the file is empty; expected a header line");
            expectedFields = CountFields(header, separator);
        }

        // Size the columns from the first record's length: one allocation of about the right size
        // (fresh memory costs page faults, so over-allocating is not free); growth covers a low guess.
        bool hasFirst = reader.TryReadLine(out var line);
        int capacity = hasFirst && length > 0 ? (int)Math.Clamp(length / (line.Length + 1) * 11 / 10 + 16, 16, 256_000_000) : 16;
        var bars = format.Layout == RecordLayout.Ticks ? null
            : new BarSeriesBuilder(format.Layout == RecordLayout.QuoteBars ? BarKind.Quote : BarKind.Trade, capacity);
        var ticks = format.Layout == RecordLayout.Ticks ? new TickSeriesBuilder(capacity) : null;

        for (; hasFirst; hasFirst = reader.TryReadLine(out line))
        {
            if (line.IsEmpty) continue;
            int lineNo = reader.LineNumber;
            long local = 0, date = 0;
            // One pass over the line: each field is parsed where it starts and its end found on the
            // way, so no byte is visited twice on the common path.
            int pos = 0;
            for (int c = 0; c < needed; c++)
            {
                if (pos > line.Length)
                    throw new MarketDataFormatException(sourceName, lineNo, null, $"has {CountFields(line, separator)} fields, the '{format.Name}' format needs at least {needed}");
                var rest = line[pos..];
                int role = roles[c];
                if (role >= 0 && Utf8Number.TryParsePlainPrefix(rest, out values[role], out int used) && (used == rest.Length || rest[used] == separator))
                {
                    pos += used + 1;
                    continue;
                }
                int end = rest.IndexOf(separator);
                if (end < 0) end = rest.Length;
                pos += end + 1;
                if (role == SkipRole) continue;
                var text = Unwrap(rest[..end]);
                if (role >= 0)
                {
                    if (!Utf8Number.TryParseDouble(text, out values[role]))
                        throw new MarketDataFormatException(sourceName, lineNo, FieldName(priceFields[role]), $"'{TimestampPattern.Show(text)}' is not a number");
                }
                else if (role == TimeRole)
                {
                    if (!timePattern.TryParse(text, out local))
                        throw new MarketDataFormatException(sourceName, lineNo, "time", $"'{TimestampPattern.Show(text)}' does not match the timestamp layout '{format.TimePattern}'");
                }
                else if (!datePattern!.TryParse(text, out date))
                    throw new MarketDataFormatException(sourceName, lineNo, "date", $"'{TimestampPattern.Show(text)}' does not match the date layout '{format.DatePattern}'");
            }
            int fields = needed + (pos <= line.Length ? CountFields(line[pos..], separator) : 0);
            if (expectedFields == 0) expectedFields = fields;
            else if (fields != expectedFields)
                throw new MarketDataFormatException(sourceName, lineNo, null, $"has {fields} fields, {(format.HasHeader ? "the header has" : "the first record has")} {expectedFields}");
            foreach (var (from, to) in copies) values[to] = values[from];

            long utc;
            try { utc = toUtc.ToUtc(local + date); }
            catch (ArgumentException)
            {
                throw new MarketDataFormatException(sourceName, lineNo, "time", $"{new DateTime(local + date):yyyy-MM-dd HH:mm:ss} does not exist in {format.TimeZone.Id} (skipped by a daylight-saving change)");
            }

            if (ticks is not null) ticks.Add(utc, values[0], values[1], lineNo);
            else if (format.Layout == RecordLayout.QuoteBars)
                bars!.AddQuote(utc, values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], lineNo);
            else
                bars!.AddTrade(utc, values[0], values[1], values[2], values[3], priceCols.Length > 4 ? values[4] : 0, lineNo);

            if (progress is not null && (lineNo & 0xFFFF) == 0 && length > 0) progress.Report((double)reader.Position / length);
        }
        progress?.Report(1.0);

        if (ticks is not null) return new LoadedMarketData(sourceName, format.Name, ticks.Build(instrument));
        var builder = bars!;
        var provisional = builder.Build(instrument, format.Period ?? BarPeriod.M1);
        var period = format.Period ?? ResolutionDetector.Detect(provisional.TimeTicks);
        return new LoadedMarketData(sourceName, format.Name, provisional.With(period: period));
    }

    private const int SkipRole = -1, TimeRole = -2, DateRole = -3;

    // Separators are rare in a line's tail, so counting them is cheap next to parsing the numbers.
    private static int CountFields(ReadOnlySpan<byte> line, byte separator) => line.Count(separator) + 1;

    // Fields may be padded with spaces or wrapped in double quotes; both are rare in market files.
    private static ReadOnlySpan<byte> Unwrap(ReadOnlySpan<byte> f)
    {
        if (f.Length > 0 && (f[0] == (byte)' ' || f[^1] == (byte)' ')) f = f.Trim((byte)' ');
        if (f.Length > 1 && f[0] == (byte)'"' && f[^1] == (byte)'"') f = f[1..^1];
        return f;
    }

    private static string FieldName(CsvField field)
    {
        var name = field.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
