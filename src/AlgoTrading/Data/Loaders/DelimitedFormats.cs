using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Loaders;

/// <summary>
/// The built-in text formats. Each is documented with an example line so a user can check a file
/// against it by eye.
/// </summary>
internal static class DelimitedFormats
{
    /// <summary>The column names of the normalised layout, which are the snake_case field names.</summary>
    public static readonly IReadOnlyDictionary<string, CsvField> NormalisedNames = new Dictionary<string, CsvField>(StringComparer.OrdinalIgnoreCase)
    {
        ["bid_open"] = CsvField.BidOpen, ["bid_high"] = CsvField.BidHigh, ["bid_low"] = CsvField.BidLow, ["bid_close"] = CsvField.BidClose,
        ["ask_open"] = CsvField.AskOpen, ["ask_high"] = CsvField.AskHigh, ["ask_low"] = CsvField.AskLow, ["ask_close"] = CsvField.AskClose,
        ["open"] = CsvField.Open, ["high"] = CsvField.High, ["low"] = CsvField.Low, ["close"] = CsvField.Close, ["volume"] = CsvField.Volume,
        ["bid"] = CsvField.Bid, ["ask"] = CsvField.Ask,
    };

    /// <summary>
    /// The normalised CSV of <c>../shared/data/market</c>: a header whose first column names the
    /// zone (<c>time_utc</c>, <c>time_ny</c>, <c>time_chicago</c>, <c>time_utc-05</c>), bar-start
    /// times <c>yyyy-MM-dd HH:mm:ss[.fff]</c>, then <c>bid_open..ask_size</c> (quote bars),
    /// <c>open,high,low,close,volume</c> (trade bars) or <c>bid,ask</c> (ticks). Columns not
    /// needed (sizes, counts) are ignored.
    /// </summary>
    /// <param name="header">The file's first line.</param>
    /// <param name="zoneOverride">Reads the times in this zone instead of the header's.</param>
    public static DelimitedFormat Normalised(string header, TimeZoneInfo? zoneOverride = null)
    {
        var names = SplitHeader(header, ',');
        if (names.Length == 0 || !names[0].StartsWith("time_", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"not a normalised header (the first column must be time_<zone>, e.g. time_utc): '{header}'");
        var zone = zoneOverride ?? ZoneFromColumnName(names[0]);
        var columns = new Dictionary<CsvField, int> { [CsvField.Time] = 0 };
        for (int i = 1; i < names.Length; i++)
            if (NormalisedNames.TryGetValue(names[i], out var field)) columns[field] = i;
        var layout = columns.ContainsKey(CsvField.BidOpen) ? RecordLayout.QuoteBars
            : columns.ContainsKey(CsvField.Open) ? RecordLayout.TradeBars
            : columns.ContainsKey(CsvField.Bid) ? RecordLayout.Ticks
            : throw new ArgumentException($"normalised header has neither bid_open.., open.. nor bid,ask columns: '{header}'");
        return new DelimitedFormat
        {
            Name = "normalised",
            Layout = layout,
            Columns = columns,
            TimePattern = "yyyy-MM-dd HH:mm:ss[.fff]",
            TimeZone = zone,
        };
    }

    /// <summary>Maps <c>time_utc</c>, <c>time_ny</c>, <c>time_chicago</c>, <c>time_utc-05</c> to their zones.</summary>
    public static TimeZoneInfo ZoneFromColumnName(string column) => MarketTimeZones.Resolve(column["time_".Length..]);

    /// <summary>
    /// A CSV with a header, mapped by column names: <paramref name="map"/> gives the header name
    /// of each field. Use it for any vendor file that has named columns.
    /// </summary>
    public static DelimitedFormat FromHeader(string header, IReadOnlyDictionary<CsvField, string> map, RecordLayout layout,
        string timePattern, TimeZoneInfo zone, char separator = ',', string? datePattern = null, string name = "csv")
    {
        var names = SplitHeader(header, separator);
        var columns = new Dictionary<CsvField, int>();
        foreach (var (field, column) in map)
        {
            int index = Array.FindIndex(names, n => string.Equals(n, column, StringComparison.OrdinalIgnoreCase));
            if (index < 0) throw new ArgumentException($"column '{column}' (for {field}) is not in the header: {string.Join(separator, names)}");
            columns[field] = index;
        }
        var format = new DelimitedFormat
        {
            Name = name, Separator = separator, Layout = layout, Columns = columns,
            TimePattern = timePattern, DatePattern = datePattern, TimeZone = zone,
        };
        format.Validate();
        return format;
    }

    /// <summary>
    /// HistData.com generic ASCII M1 bars: <c>20120201 000000;1.306600;1.306600;1.306560;1.306560;0</c>
    /// (no header, bid prices, fixed EST = UTC-05 without DST). Read as trade bars of the bid.
    /// </summary>
    public static DelimitedFormat HistDataBars => new()
    {
        Name = "histdata-m1",
        Separator = ';',
        HasHeader = false,
        Layout = RecordLayout.TradeBars,
        Columns = new Dictionary<CsvField, int> { [CsvField.Time] = 0, [CsvField.Open] = 1, [CsvField.High] = 2, [CsvField.Low] = 3, [CsvField.Close] = 4, [CsvField.Volume] = 5 },
        TimePattern = "yyyyMMdd HHmmss",
        TimeZone = MarketTimeZones.FixedEst,
        Period = BarPeriod.M1,
    };

    /// <summary>
    /// HistData.com generic ASCII ticks: <c>20120201 000000000,1.306600,1.306770,0</c>
    /// (no header, time with milliseconds, bid, ask, volume; fixed EST = UTC-05).
    /// </summary>
    public static DelimitedFormat HistDataTicks => new()
    {
        Name = "histdata-tick",
        Separator = ',',
        HasHeader = false,
        Layout = RecordLayout.Ticks,
        Columns = new Dictionary<CsvField, int> { [CsvField.Time] = 0, [CsvField.Bid] = 1, [CsvField.Ask] = 2 },
        TimePattern = "yyyyMMdd HHmmssfff",
        TimeZone = MarketTimeZones.FixedEst,
    };

    /// <summary>
    /// MetaTrader 4 history-center export: <c>2014.05.01,00:00,1.38676,1.38700,1.38650,1.38690,123</c>
    /// (no header; date, time, bid OHLC, tick volume). Times are the broker server's: pass its zone
    /// (UTC by default). Read as trade bars of the bid with tick volume.
    /// </summary>
    public static DelimitedFormat MetaTrader4 => new()
    {
        Name = "mt4",
        HasHeader = false,
        Layout = RecordLayout.TradeBars,
        Columns = new Dictionary<CsvField, int> { [CsvField.Date] = 0, [CsvField.Time] = 1, [CsvField.Open] = 2, [CsvField.High] = 3, [CsvField.Low] = 4, [CsvField.Close] = 5, [CsvField.Volume] = 6 },
        DatePattern = "yyyy.MM.dd",
        TimePattern = "HH:mm",
    };

    /// <summary>
    /// MetaTrader 5 bar export: a tab-separated header
    /// <c>&lt;DATE&gt; &lt;TIME&gt; &lt;OPEN&gt; &lt;HIGH&gt; &lt;LOW&gt; &lt;CLOSE&gt; &lt;TICKVOL&gt; &lt;VOL&gt; &lt;SPREAD&gt;</c>,
    /// dates <c>2014.05.01</c>, times <c>00:00:00</c>. Read as trade bars of the bid with tick volume.
    /// </summary>
    public static DelimitedFormat MetaTrader5(string header, TimeZoneInfo? zone = null)
    {
        var map = new Dictionary<CsvField, string>
        {
            [CsvField.Date] = "<DATE>", [CsvField.Time] = "<TIME>", [CsvField.Open] = "<OPEN>", [CsvField.High] = "<HIGH>",
            [CsvField.Low] = "<LOW>", [CsvField.Close] = "<CLOSE>", [CsvField.Volume] = "<TICKVOL>",
        };
        return FromHeader(header, map, RecordLayout.TradeBars, "HH:mm:ss", zone ?? TimeZoneInfo.Utc, '\t', "yyyy.MM.dd", "mt5");
    }

    private static string[] SplitHeader(string header, char separator) =>
        header.TrimStart('\uFEFF').Split(separator).Select(s => s.Trim().Trim('"')).ToArray();
}
