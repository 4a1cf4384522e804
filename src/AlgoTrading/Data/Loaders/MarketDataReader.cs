using System.Text;
using System.Text.RegularExpressions;
using AlgoTrading.Data.Storage;

namespace AlgoTrading.Data.Loaders;

/// <summary>The file formats <see cref="MarketDataReader"/> knows by name.</summary>
public enum MarketDataFormat
{
    /// <summary>Decide from the file's extension and first line.</summary>
    Auto,
    /// <summary>The normalised CSV (<see cref="DelimitedFormats.Normalised"/>).</summary>
    Normalised,
    /// <summary>HistData.com M1 bars.</summary>
    HistDataBars,
    /// <summary>HistData.com ticks.</summary>
    HistDataTicks,
    /// <summary>MetaTrader 4 history export.</summary>
    MetaTrader4,
    /// <summary>MetaTrader 5 bar export.</summary>
    MetaTrader5,
    /// <summary>OANDA v20 candles JSON.</summary>
    OandaJson,
    /// <summary>Parquet written by <see cref="ParquetMarketFile"/>.</summary>
    Parquet,
}

/// <summary>Options for <see cref="MarketDataReader.LoadAsync"/>.</summary>
public sealed record MarketDataReadOptions
{
    /// <summary>The format; <see cref="MarketDataFormat.Auto"/> detects it.</summary>
    public MarketDataFormat Format { get; init; } = MarketDataFormat.Auto;
    /// <summary>Reads local times in this zone instead of the format's own (e.g. a broker's server zone for MT4).</summary>
    public TimeZoneInfo? TimeZone { get; init; }
    /// <summary>Labels the series; null keeps what the file says (OANDA, Parquet) or a name guessed from the file name.</summary>
    public string? Instrument { get; init; }
    /// <summary>Receives the fraction read.</summary>
    public IProgress<double>? Progress { get; init; }
}

/// <summary>
/// One entry point for every supported file: detects or takes the format, then hands the file to
/// the one loader for it. Detection looks at the extension and the first line only.
/// </summary>
public static class MarketDataReader
{
    /// <summary>Format names as the command line spells them.</summary>
    public static readonly IReadOnlyDictionary<string, MarketDataFormat> Names = new Dictionary<string, MarketDataFormat>(StringComparer.OrdinalIgnoreCase)
    {
        ["auto"] = MarketDataFormat.Auto, ["normalised"] = MarketDataFormat.Normalised, ["normalized"] = MarketDataFormat.Normalised,
        ["histdata-m1"] = MarketDataFormat.HistDataBars, ["histdata-tick"] = MarketDataFormat.HistDataTicks,
        ["mt4"] = MarketDataFormat.MetaTrader4, ["mt5"] = MarketDataFormat.MetaTrader5,
        ["oanda-json"] = MarketDataFormat.OandaJson, ["parquet"] = MarketDataFormat.Parquet,
    };

    /// <summary>Parses a command-line format name.</summary>
    public static MarketDataFormat ParseFormat(string name) => Names.TryGetValue(name, out var f) ? f
        : throw new ArgumentException($"unknown format '{name}'; expected one of: {string.Join(", ", Names.Keys.Where(k => k != "normalized"))}");

    /// <summary>Loads <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="MarketDataFormatException">The content does not fit the format.</exception>
    public static async Task<LoadedMarketData> LoadAsync(string path, MarketDataReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MarketDataReadOptions();
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        var format = options.Format == MarketDataFormat.Auto ? Detect(path) : options.Format;
        string instrument = options.Instrument ?? GuessInstrument(path);
        LoadedMarketData data = format switch
        {
            MarketDataFormat.Parquet => await (TakePrefetched(path) ?? ParquetMarketFile.ReadAsync(path, cancellationToken)),
            MarketDataFormat.OandaJson => OandaCandlesLoader.Load(path, options.Instrument),
            _ => DelimitedFileLoader.Load(path, DelimitedFormatFor(format, path, options.TimeZone), instrument, options.Progress),
        };
        if (options.Instrument is not null && data.Bars is not null && data.Bars.Instrument != options.Instrument)
            return new LoadedMarketData(data.Source, data.Format, data.Bars.With(instrument: options.Instrument), data.Notes);
        return data;
    }

    // Reads started before their caller asked (see Prefetch), by full path, size and write time: a file that
    // changed in between is read again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, long Length, DateTime Written), Task<LoadedMarketData>> Prefetched = new();

    /// <summary>
    /// Starts reading the Parquet file at <paramref name="path"/> on another thread, so that the read overlaps work the
    /// caller does before it needs the data (the backtest command loads its configuration meanwhile). The next
    /// <see cref="LoadAsync"/> of the same unchanged file takes that read instead of starting one; its errors surface
    /// there, as the load's own would. Other formats, and a missing file, are left to <see cref="LoadAsync"/>.
    /// </summary>
    public static void Prefetch(string path)
    {
        if (!path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || PrefetchKey(path) is not { } key) return;
        // Once per file: a second call (the command line is looked at before and after it is parsed) finds the read started.
        Prefetched.GetOrAdd(key, _ => Task.Run(() => ParquetMarketFile.ReadAsync(path)));
    }

    private static Task<LoadedMarketData>? TakePrefetched(string path) =>
        !Prefetched.IsEmpty && PrefetchKey(path) is { } key && Prefetched.TryRemove(key, out var read) ? read : null;

    private static (string, long, DateTime)? PrefetchKey(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.FullName, file.Length, file.LastWriteTimeUtc) : null;
    }

    /// <summary>Decides the format of <paramref name="path"/> from its extension and first line.</summary>
    /// <exception cref="MarketDataFormatException">Nothing matches.</exception>
    public static MarketDataFormat Detect(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".parquet") return MarketDataFormat.Parquet;
        string first = FirstLine(path);
        if (ext == ".json" || first.TrimStart().StartsWith('{')) return MarketDataFormat.OandaJson;
        if (first.StartsWith("time_", StringComparison.OrdinalIgnoreCase)) return MarketDataFormat.Normalised;
        if (first.StartsWith("<DATE>", StringComparison.OrdinalIgnoreCase)) return MarketDataFormat.MetaTrader5;
        if (Regex.IsMatch(first, @"^\d{8} \d{6};")) return MarketDataFormat.HistDataBars;
        if (Regex.IsMatch(first, @"^\d{8} \d{9},")) return MarketDataFormat.HistDataTicks;
        if (Regex.IsMatch(first, @"^\d{4}\.\d{2}\.\d{2},\d{2}:\d{2},")) return MarketDataFormat.MetaTrader4;
        throw new MarketDataFormatException(path, 1, null,
            $"cannot tell the format from the first line '{(first.Length > 80 ? first[..80] + "…" : first)}'; pass --format ({string.Join(", ", Names.Keys.Where(k => k is not "auto" and not "normalized"))})");
    }

    private static DelimitedFormat DelimitedFormatFor(MarketDataFormat format, string path, TimeZoneInfo? zone)
    {
        try { return DelimitedFormatFromHeader(format, path, zone); }
        catch (ArgumentException e) when (e is not ArgumentOutOfRangeException)
        {
            // The header is part of the data: a wrong one is bad input in the file, not bad usage.
            throw new MarketDataFormatException(path, 1, null, e.Message);
        }
    }

    private static DelimitedFormat DelimitedFormatFromHeader(MarketDataFormat format, string path, TimeZoneInfo? zone)
    {
        var f = format switch
        {
            MarketDataFormat.Normalised => DelimitedFormats.Normalised(FirstLine(path), zone),
            MarketDataFormat.HistDataBars => DelimitedFormats.HistDataBars,
            MarketDataFormat.HistDataTicks => DelimitedFormats.HistDataTicks,
            MarketDataFormat.MetaTrader4 => DelimitedFormats.MetaTrader4,
            MarketDataFormat.MetaTrader5 => DelimitedFormats.MetaTrader5(FirstLine(path), zone),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        return zone is null ? f : f.InZone(zone);
    }

    private static string FirstLine(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadLine() ?? throw new MarketDataFormatException(path, 0, null, "the file is empty");
    }

    private static readonly HashSet<string> Currencies =
    [
        "EUR", "USD", "GBP", "JPY", "CHF", "AUD", "NZD", "CAD", "SEK", "NOK", "DKK", "HKD", "SGD",
        "MXN", "ZAR", "TRY", "PLN", "CZK", "HUF", "CNH", "XAU", "XAG",
    ];

    /// <summary>
    /// Guesses an instrument symbol from a file name: the first word made of two currency codes
    /// (optionally followed by digits) is read as a pair (<c>eurusd_hour_quote.csv</c>,
    /// <c>EURUSD1.csv</c>, <c>DAT_ASCII_EURUSD_M1_2014.csv</c> → <c>EUR_USD</c>); otherwise the
    /// upper-cased first word of the name (<c>spy_daily_trade.csv</c> → <c>SPY</c>).
    /// </summary>
    public static string GuessInstrument(string path)
    {
        var words = Path.GetFileNameWithoutExtension(path).Split('_', '-', '.', ' ');
        foreach (var word in words)
        {
            var letters = word.TrimEnd("0123456789".ToCharArray()).ToUpperInvariant();
            if (letters.Length == 6 && Currencies.Contains(letters[..3]) && Currencies.Contains(letters[3..]))
                return $"{letters[..3]}_{letters[3..]}";
        }
        return words[0].ToUpperInvariant();
    }
}
