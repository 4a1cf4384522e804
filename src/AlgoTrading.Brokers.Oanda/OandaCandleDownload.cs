using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlgoTrading.Configuration;
using AlgoTrading.Data;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;

namespace AlgoTrading.Brokers.Oanda;

/// <summary>What to download: <paramref name="Granularity"/> is v20's (M1, H1, D…), <paramref name="Price"/> BA, MBA or M; times UTC, <paramref name="ToUtc"/> exclusive.</summary>
public sealed record CandleDownloadRequest(string Instrument, string Granularity, string Price, DateTime FromUtc, DateTime ToUtc);

/// <summary>What a download did.</summary>
/// <param name="PagesDownloaded">Requests made this run.</param>
/// <param name="PagesReused">Pages kept from an interrupted earlier run.</param>
/// <param name="Candles">Distinct complete candles written.</param>
/// <param name="Notes">Left-out incomplete candles and other remarks.</param>
/// <param name="Validation">What validation found.</param>
/// <param name="Destination">The file written, or the store folder.</param>
/// <param name="Added">Rows new to the store (or written to the file).</param>
/// <param name="Replaced">Rows of the store replaced by downloaded ones.</param>
public sealed record CandleDownloadResult(int PagesDownloaded, int PagesReused, int Candles, IReadOnlyList<string> Notes, ValidationReport Validation,
    string Destination, int Added, int Replaced);

/// <summary>
/// Downloads candles in pages of at most 5,000, each page saved under a work folder as it
/// arrives; a rerun after an interruption keeps those pages and continues after the last one. The
/// pages are merged (each candle time once; incomplete candles left out), validated and stored
/// through <see cref="MarketDataStore"/> or written to a CSV/Parquet file; the work folder is
/// removed after success.
/// </summary>
public static class OandaCandleDownload
{
    /// <summary>v20's page limit.</summary>
    public const int PageSize = 5000;

    /// <summary>
    /// The next page starts just after the newest candle held: not a whole period later, because daily
    /// candles open at 17:00 New York and are 23 or 25 hours apart around DST changes.
    /// </summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    /// <summary>Downloads into the Parquet store at <paramref name="store"/> (market folder from <paramref name="markets"/>).</summary>
    public static Task<CandleDownloadResult> ToStoreAsync(OandaClient client, CandleDownloadRequest request, MarketDataStore store, MarketOptions? markets,
        ValidationOptions? validation, IProgress<double>? progress, CancellationToken cancellationToken = default) =>
        RunAsync(client, request, Path.Combine(store.Root, ".downloads"), validation, progress, async (merged, ct) =>
        {
            var summary = await MarketDataImporter.ImportAsync(merged, store, new MarketDataReadOptions { Format = MarketDataFormat.OandaJson, Instrument = request.Instrument },
                validation, null, markets, ct);
            return (summary.Validation, store.FolderOf(summary.Market, summary.Instrument, summary.Resolution), summary.Stored.Added, summary.Stored.Replaced);
        }, cancellationToken);

    /// <summary>Downloads into <paramref name="path"/> (.parquet, else normalised CSV).</summary>
    public static Task<CandleDownloadResult> ToFileAsync(OandaClient client, CandleDownloadRequest request, string path,
        ValidationOptions? validation, IProgress<double>? progress, CancellationToken cancellationToken = default) =>
        RunAsync(client, request, Path.GetFullPath(path) + ".download", validation, progress, async (merged, ct) =>
        {
            var data = OandaCandlesLoader.Load(merged, request.Instrument);
            var (clean, report) = MarketDataValidator.Validate(data.Series, validation, merged);
            if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) await ParquetMarketFile.WriteAsync(clean, path, ct);
            else NormalisedCsvWriter.Write(clean, path);
            return (report, path, clean.Count, 0);
        }, cancellationToken);

    private static async Task<CandleDownloadResult> RunAsync(OandaClient client, CandleDownloadRequest request, string workRoot, ValidationOptions? validation,
        IProgress<double>? progress, Func<string, CancellationToken, Task<(ValidationReport, string, int, int)>> store, CancellationToken cancellationToken)
    {
        if (request.ToUtc <= request.FromUtc) throw new ArgumentException($"--from {request.FromUtc:yyyy-MM-dd HH:mm} must be before --to {request.ToUtc:yyyy-MM-dd HH:mm}");
        var period = OandaCandlesLoader.FromGranularity(request.Granularity).Duration;
        var work = Path.Combine(workRoot, $"{request.Instrument}-{request.Granularity}-{request.Price}-{request.FromUtc:yyyyMMddHHmm}-{request.ToUtc:yyyyMMddHHmm}");
        Directory.CreateDirectory(work);

        // Resume: pages already on disk are kept; the next request starts after the newest complete candle they hold.
        var pages = Directory.GetFiles(work, "page-*.json").Order(StringComparer.Ordinal).ToList();
        int reused = pages.Count, downloaded = 0;
        var cursor = request.FromUtc;
        if (pages.Count > 0 && LastCompleteTime(File.ReadAllBytes(pages[^1])) is { } resumeAfter) cursor = resumeAfter + Step;
        double span = (request.ToUtc - request.FromUtc).Ticks;
        progress?.Report(Math.Clamp((cursor - request.FromUtc).Ticks / span, 0, 1));
        while (cursor < request.ToUtc)
        {
            // from+to when the rest fits one page (v20 refuses count with both), else from+count.
            bool fits = (request.ToUtc - cursor).Ticks / period.Ticks < PageSize;
            var page = await client.GetCandlesAsync(request.Instrument, request.Granularity, request.Price, cursor, fits ? request.ToUtc : null, PageSize, cancellationToken);
            downloaded++;
            var last = LastCompleteTime(page);
            if (last is null || last.Value < cursor) break; // nothing complete left: the range reaches the present
            var file = Path.Combine(work, $"page-{pages.Count:D6}.json");
            await File.WriteAllBytesAsync(file + ".tmp", page, cancellationToken);
            File.Move(file + ".tmp", file, overwrite: true);
            pages.Add(file);
            cursor = last.Value + Step;
            progress?.Report(Math.Clamp((cursor - request.FromUtc).Ticks / span, 0, 1));
            if (fits) break;
        }

        var (merged, candles, notes) = Merge(pages, request, Path.Combine(work, "merged.json"));
        if (candles == 0) throw new InvalidDataException($"{request.Instrument} {request.Granularity}: no complete candles between {request.FromUtc:u} and {request.ToUtc:u}");
        var (report, destination, added, replaced) = await store(merged, cancellationToken);
        Directory.Delete(work, recursive: true);
        progress?.Report(1);
        return new CandleDownloadResult(downloaded, reused, candles, notes, report, destination, added, replaced);
    }

    /// <summary>Joins the pages' candles, each time once, complete ones inside the range only, into one v20 candles document.</summary>
    private static (string Path, int Candles, List<string> Notes) Merge(List<string> pages, CandleDownloadRequest request, string path)
    {
        var byTime = new SortedDictionary<DateTime, JsonNode>();
        var notes = new List<string>();
        foreach (var page in pages)
        {
            var doc = JsonNode.Parse(File.ReadAllBytes(page))!;
            foreach (var candle in doc["candles"]!.AsArray())
            {
                var time = OandaWire.ParseTime((string)candle!["time"]!);
                if (time < request.FromUtc || time >= request.ToUtc) continue;
                if (candle["complete"]?.GetValue<bool>() == false) { notes.Add($"{time:yyyy-MM-ddTHH:mm:ssZ} is incomplete (still forming) and was left out"); continue; }
                byTime[time] = candle.DeepClone();
            }
        }
        var merged = new JsonObject { ["instrument"] = request.Instrument, ["granularity"] = request.Granularity, ["candles"] = new JsonArray([.. byTime.Values]) };
        File.WriteAllText(path, merged.ToJsonString());
        return (path, byTime.Count, notes);
    }

    private static DateTime? LastCompleteTime(byte[] page)
    {
        using var doc = JsonDocument.Parse(page);
        DateTime? last = null;
        foreach (var candle in doc.RootElement.GetProperty("candles").EnumerateArray())
            if (!(candle.TryGetProperty("complete", out var c) && c.ValueKind == JsonValueKind.False))
                last = OandaWire.ParseTime(candle.GetProperty("time").GetString()!);
        return last;
    }

    /// <summary>Parses a <c>--from</c>/<c>--to</c> value: a date (UTC midnight) or an RFC 3339 time.</summary>
    public static DateTime ParseDate(string text, string option) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day) ? day
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime
        : throw new ArgumentException($"{option} {text}: expected a date (2024-01-31) or an RFC 3339 time");
}
