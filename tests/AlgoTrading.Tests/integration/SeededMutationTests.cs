using System.Globalization;
using System.Text;
using AlgoTrading.Backtesting;
using AlgoTrading.Configuration;
using AlgoTrading.Data;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;
using AlgoTrading.Features;
using AlgoTrading.Runner.Commands;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>
/// The project's seeded mutation run over the shared market files. Slices of real files are written
/// in every supported format (normalised quote, trade and tick CSV, MT4, MT5, HistData, OANDA JSON,
/// Parquet), then corrupted one way at a time with a fixed seed: rows swapped, duplicated or moved;
/// NaN, empty, infinite, zero, negative, 1e-308 and 1e30 prices; high below low; open outside the
/// range; truncated lines, bad timestamps, extra and missing fields; bad volumes; plus benign changes
/// (CRLF line ends, a byte-order mark) that must not change anything.
/// <para>The property, checked through the same library entries the commands call (and the same
/// <see cref="CliErrors"/> mapping the executable uses): under the default policy a corrupted file
/// gives ONE clean error line naming the file, the exact line (or row, for formats without lines) and
/// the field, with exit code 1; under drop or repair the result (clean series, features, backtest)
/// equals the result on the input repaired by hand (the row removed, or the original restored).
/// A benign change gives the original result. <c>data inspect</c> reports every row corruption.</para>
/// <para>The configuration files: <see cref="SeededConfigMutationTests"/>. Arguments are covered through
/// the real executable in <see cref="BadInputCommandLineTests"/>.</para>
/// </summary>
public sealed partial class SeededMutationTests(ITestOutputHelper output) : IDisposable
{
    internal const int Seed = 20_261_202; // the configuration run uses it too
    private const int Rows = 300;
    private const int RoundsPerSample = 5;

    private readonly TempDirectory _dir = new();
    private readonly AlgoTradingConfiguration _config = AlgoTradingConfiguration.Load(Unit.ConfigurationTests.FindConfig());

    public void Dispose() => _dir.Dispose();

    /// <summary>A slice of a real file as text records. Ohlc holds each side's open, high, low, close field indices.</summary>
    private sealed record Sample(string Name, string Extension, string? Header, char Separator, List<string[]> Records,
        int[] TimeFields, int[][] Ohlc, int[] PriceFields, int Volume, string[] FieldNames, bool Backtest)
    {
        public bool Ticks => Ohlc.Length == 0;

        public int LineOf(int index) => index + (Header is null ? 1 : 2);

        public string Text(IEnumerable<string[]> records, string newline = "\n") =>
            (Header is null ? "" : Header + newline) + string.Concat(records.Select(r => string.Join(Separator, r) + newline));
    }

    private enum Kind
    {
        SwapRows, DuplicateRow, MoveRowLater, MoveRowEarlier, NaNPrice, EmptyPrice, InfinitePrice, ZeroPrice, NegativePrice, TinyPrice,
        HugePrice, HighBelowLow, OpenOutsideRange, TruncatedLine, BadTimestamp, ExtraField, MissingField, BadVolume, CrLf, ByteOrderMark,
    }

    /// <summary>What a mutation must produce: an error at a line and field, or (under Policy) the expected records.</summary>
    private sealed record Expectation(int? Line, string? Field, string? Issue, List<string[]> Repaired, ValidationPolicy Policy, bool FormatError);

    private sealed class Tally
    {
        public readonly Dictionary<string, int> Cases = [];
        public readonly List<string> Failures = [];
        public int Features, Backtests, Inspections;
        public void Count(string key) => Cases[key] = Cases.GetValueOrDefault(key) + 1;
    }

    [Fact]
    public async Task Every_corrupted_market_file_gives_one_clean_error_line_or_the_repaired_result()
    {
        var random = new Random(Seed);
        var tally = new Tally();
        foreach (var sample in Samples())
        {
            var original = await LoadCleanAsync(sample, sample.Records, "original");
            for (int round = 0; round < RoundsPerSample; round++)
                foreach (var kind in Enum.GetValues<Kind>())
                {
                    if (Mutate(sample, kind, random) is not { } mutation) continue;
                    tally.Count($"{sample.Name}/{kind}");
                    await CheckAsync(sample, kind, round, mutation.Text, mutation.Expected, original, random, tally);
                }
        }
        await CheckParquetAsync(random, tally);
        await CheckOandaJsonAsync(random, tally);

        int total = tally.Cases.Values.Sum();
        output.WriteLine($"{total} corrupted files; {tally.Inspections} inspections, {tally.Features} feature runs, {tally.Backtests} backtests");
        foreach (var group in tally.Cases.GroupBy(kv => kv.Key.Split('/')[1]).OrderBy(g => g.Key))
            output.WriteLine($"  {group.Key}: {group.Sum(kv => kv.Value)}");
        Assert.True(total > 550, $"only {total} cases ran");
        Assert.True(tally.Failures.Count == 0, $"{tally.Failures.Count} of {total} cases broke the property:\n" + string.Join('\n', tally.Failures.Take(60)));
    }

    private async Task CheckAsync(Sample sample, Kind kind, int round, string text, Expectation? expected, IMarketSeries original,
        Random random, Tally tally)
    {
        var path = Path.Combine(_dir.Path, $"{sample.Name}_{kind}_{round}{sample.Extension}".ToLowerInvariant());
        File.WriteAllText(path, text);
        string where = $"{sample.Name} {kind} round {round}";
        try
        {
            // 1. The default policy: an error at the mutated line, or (benign) the original result.
            var failure = await FailureOf(() => ValidatedMarketDataLoader.LoadAsync(path));
            if (expected?.Line is null)
            {
                if (failure is not null) { tally.Failures.Add($"{where}: a benign change failed: {failure.Value.Line}"); return; }
                var same = (await ValidatedMarketDataLoader.LoadAsync(path)).Clean;
                if (Difference(same, original) is { } d) tally.Failures.Add($"{where}: a benign change altered the data: {d}");
                return;
            }
            if (CheckError(failure, path, $"{path}:{expected.Line}:", expected.Field, where, tally) is false) return;

            // 2. Inspection reports the corruption without failing (format errors fail like the loader).
            tally.Inspections++;
            if (expected.FormatError)
            {
                var inspected = await FailureOf(() => MarketDataInspector.InspectAsync(path));
                if (inspected?.Line != failure!.Value.Line) tally.Failures.Add($"{where}: inspect said '{inspected?.Line}', the loader '{failure.Value.Line}'");
                return;
            }
            var inspection = await MarketDataInspector.InspectAsync(path);
            if (!inspection.Issues.ContainsKey(expected.Issue!)) tally.Failures.Add($"{where}: inspect did not report {expected.Issue}: {string.Join(", ", inspection.Issues.Keys)}");

            // 3. Under drop or repair: the result on the input repaired by hand.
            var policy = new ValidationOptions { Policy = expected.Policy };
            var repairedPath = Path.Combine(_dir.Path, $"{sample.Name}_{kind}_{round}_repaired{sample.Extension}".ToLowerInvariant());
            File.WriteAllText(repairedPath, sample.Text(expected.Repaired));
            var want = (await ValidatedMarketDataLoader.LoadAsync(repairedPath)).Clean;
            var got = await ValidatedMarketDataLoader.LoadAsync(path, validation: policy);
            if (Difference(got.Clean, want) is { } diff) { tally.Failures.Add($"{where}: under {expected.Policy} {diff}"); return; }
            if (got.Report.Dropped + got.Report.Repaired == 0) tally.Failures.Add($"{where}: under {expected.Policy} nothing was counted as dropped or repaired");

            // 4. features and backtest go through the same loader: same error by default, same result under the policy.
            if (sample.Ticks || random.Next(4) != 0) return;
            tally.Features++;
            var featureFailure = await FailureOf(() => FeatureWorkflow.ComputeAsync(path, "classic", _config));
            if (featureFailure?.Line != failure!.Value.Line) { tally.Failures.Add($"{where}: features said '{featureFailure?.Line}', the loader '{failure.Value.Line}'"); return; }
            var features = await FeatureWorkflow.ComputeAsync(path, "classic", _config, validation: policy);
            var wantFeatures = await FeatureWorkflow.ComputeAsync(repairedPath, "classic", _config);
            if (!features.Matrix.Time.AsSpan().SequenceEqual(wantFeatures.Matrix.Time) || !SameValues(features.Matrix.Values, wantFeatures.Matrix.Values))
                tally.Failures.Add($"{where}: features under {expected.Policy} differ from features on the repaired input");

            if (!sample.Backtest || random.Next(2) != 0) return;
            tally.Backtests++;
            var request = new BacktestRequest { DataFile = path, Strategy = "sma-cross", Parameters = new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20" } };
            var backtestFailure = await FailureOf(() => BacktestWorkflow.RunAsync(request, _config));
            if (backtestFailure?.Line != failure.Value.Line) { tally.Failures.Add($"{where}: backtest said '{backtestFailure?.Line}', the loader '{failure.Value.Line}'"); return; }
            var run = (await BacktestWorkflow.RunAsync(request with { Validation = policy }, _config)).Result;
            var wantRun = (await BacktestWorkflow.RunAsync(request with { DataFile = repairedPath }, _config)).Result;
            if (!SameValues(run.Equity, wantRun.Equity) || run.Trades.Count != wantRun.Trades.Count)
                tally.Failures.Add($"{where}: backtest under {expected.Policy} differs from the backtest on the repaired input");
        }
        catch (Exception e)
        {
            tally.Failures.Add($"{where}: unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    // One line starting "error: ", exit 1, the file and line (or row), the field when known, no .NET internals.
    private static bool CheckError((int ExitCode, string Line)? failure, string path, string position, string? field, string where, Tally tally)
    {
        if (failure is not { } f) { tally.Failures.Add($"{where}: accepted silently (expected an error at {position})"); return false; }
        var problems = new List<string>();
        if (f.ExitCode != 1) problems.Add($"exit {f.ExitCode}");
        if (f.Line.Contains('\n')) problems.Add("several lines");
        if (!f.Line.StartsWith($"error: {position}", StringComparison.Ordinal)) problems.Add($"does not start with 'error: {position}'");
        if (field is not null && !f.Line.Contains($": {field}: ", StringComparison.Ordinal)) problems.Add($"does not name field {field}");
        foreach (var internals in new[] { "Exception", "System.", "   at ", "(Parameter '" })
            if (f.Line.Contains(internals, StringComparison.Ordinal)) problems.Add($"shows .NET text '{internals}'");
        if (problems.Count == 0) return true;
        tally.Failures.Add($"{where}: {string.Join(", ", problems)}: {f.Line}");
        return false;
    }

    private static async Task<(int ExitCode, string Line)?> FailureOf<T>(Func<Task<T>> run)
    {
        try { await run(); return null; }
        catch (Exception e) { return CliErrors.Classify(e); }
    }

    // ---------------------------------------------------------------- the samples

    private IEnumerable<Sample> Samples()
    {
        string[] Slice(string file, int skip = 0) => [.. File.ReadLines(SharedData.Market(file)).Skip(1 + skip).Take(Rows)];
        var quoteHeader = File.ReadLines(SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv")).First();
        // The loader names the time column "time" whatever its zone suffix.
        string[] Names(string header) => ["time", .. header.Split(',').Skip(1)];
        var quoteNames = Names(quoteHeader);
        yield return new Sample("eurusd_quote", ".csv", quoteHeader, ',', [.. Slice("forex/oanda/daily/eurusd_daily_quote.csv").Select(l => l.Split(','))],
            [0], [[1, 2, 3, 4], [6, 7, 8, 9]], [1, 2, 3, 4, 6, 7, 8, 9], -1, quoteNames, Backtest: true);

        var tradeHeader = File.ReadLines(SharedData.Market("equity/usa/daily/spy_daily_trade.csv")).First();
        var spy = Slice("equity/usa/daily/spy_daily_trade.csv", 1000).Select(l => l.Split(',')).ToList();
        yield return new Sample("spy_trade", ".csv", tradeHeader, ',', spy, [0], [[1, 2, 3, 4]], [1, 2, 3, 4], 5, Names(tradeHeader), Backtest: false);

        // OANDA ticks repeat timestamps (a real quirk): the base keeps the first of each time so it is clean.
        var tickHeader = File.ReadLines(SharedData.Market("forex/oanda/tick/eurusd_tick_quote_20140505.csv")).First();
        var ticks = File.ReadLines(SharedData.Market("forex/oanda/tick/eurusd_tick_quote_20140505.csv")).Skip(1).Take(Rows * 2)
            .Select(l => l.Split(',')).DistinctBy(r => r[0]).Take(Rows).ToList();
        yield return new Sample("eurusd_ticks", ".csv", tickHeader, ',', ticks, [0], [], [1, 2], -1, Names(tickHeader), Backtest: false);

        // The same real bars written as vendor formats.
        static DateTime Time(string[] r) => DateTime.ParseExact(r[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var mt4 = spy.Select(r => new[] { Time(r).ToString("yyyy.MM.dd", CultureInfo.InvariantCulture), Time(r).ToString("HH:mm", CultureInfo.InvariantCulture), r[1], r[2], r[3], r[4], r[5] }).ToList();
        yield return new Sample("spy_mt4", ".csv", null, ',', mt4, [0, 1], [[2, 3, 4, 5]], [2, 3, 4, 5], 6,
            ["date", "time", "open", "high", "low", "close", "volume"], Backtest: false);

        var minute = Slice("forex/oanda/minute/eurusd_minute_quote.csv").Select(l => l.Split(','));
        var histdata = minute.Select(r => new[] { Time(r).ToString("yyyyMMdd HHmmss", CultureInfo.InvariantCulture), r[1], r[2], r[3], r[4], "0" }).ToList();
        yield return new Sample("eurusd_histdata", ".csv", null, ';', histdata, [0], [[1, 2, 3, 4]], [1, 2, 3, 4], 5,
            ["time", "open", "high", "low", "close", "volume"], Backtest: false);

        var hour = Slice("equity/usa/hour/spy_hour_trade.csv").Select(l => l.Split(','));
        var mt5 = hour.Select(r => new[] { Time(r).ToString("yyyy.MM.dd", CultureInfo.InvariantCulture), Time(r).ToString("HH:mm:ss", CultureInfo.InvariantCulture), r[1], r[2], r[3], r[4], r[5], "0", "1" }).ToList();
        yield return new Sample("spy_mt5", ".csv", "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>", '\t', mt5, [0, 1], [[2, 3, 4, 5]], [2, 3, 4, 5], 6,
            ["date", "time", "open", "high", "low", "close", "volume", "vol", "spread"], Backtest: false);
    }

    private async Task<IMarketSeries> LoadCleanAsync(Sample sample, List<string[]> records, string label)
    {
        var path = Path.Combine(_dir.Path, $"{sample.Name}_{label}{sample.Extension}".ToLowerInvariant());
        File.WriteAllText(path, sample.Text(records));
        return (await ValidatedMarketDataLoader.LoadAsync(path)).Clean;
    }

    // ---------------------------------------------------------------- formats without lines: Parquet and OANDA JSON

    private static readonly string[] QuoteFields = ["bid_open", "bid_high", "bid_low", "bid_close", "ask_open", "ask_high", "ask_low", "ask_close"];

    private async Task<BarSeries> QuoteBaseAsync()
    {
        var sample = Samples().First();
        return (BarSeries)await LoadCleanAsync(sample, sample.Records, "base");
    }

    private static BarSeries Rebuild(BarSeries bars, Func<int, double[]?> row)
    {
        var builder = new BarSeriesBuilder(BarKind.Quote, bars.Count);
        for (int i = 0; i < bars.Count; i++)
        {
            var b = bars.Bid!; var a = bars.Ask!;
            var v = row(i) ?? [b.Open[i], b.High[i], b.Low[i], b.Close[i], a.Open[i], a.High[i], a.Low[i], a.Close[i]];
            if (v.Length == 0) continue;
            builder.AddQuote(bars.TimeTicks[i], v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        }
        return builder.Build(bars.Instrument, bars.Period);
    }

    private static double[] Values(BarSeries bars, int i) =>
        [bars.Bid!.Open[i], bars.Bid.High[i], bars.Bid.Low[i], bars.Bid.Close[i], bars.Ask!.Open[i], bars.Ask.High[i], bars.Ask.Low[i], bars.Ask.Close[i]];

    private async Task CheckParquetAsync(Random random, Tally tally)
    {
        var original = await QuoteBaseAsync();
        var values = new (double Value, string Issue)[] { (double.NaN, "missing_value"), (double.PositiveInfinity, "non_finite_price"), (0, "non_positive_price"),
            (-1.2, "non_positive_price"), (1e-308, "implausible_price"), (1e30, "implausible_price") };
        for (int round = 0; round < RoundsPerSample * 6; round++)
        {
            int k = random.Next(original.Count), c = random.Next(8);
            var (value, issue) = values[round % values.Length];
            var path = Path.Combine(_dir.Path, $"eurusd_parquet_{round}.parquet");
            await ParquetMarketFile.WriteAsync(Rebuild(original, i => { if (i != k) return null; var v = Values(original, i); v[c] = value; return v; }), path);
            string where = $"parquet {issue} round {round}";
            tally.Count($"parquet/{issue}");
            if (!CheckError(await FailureOf(() => ValidatedMarketDataLoader.LoadAsync(path)), path, $"{path}: row {k}:", QuoteFields[c], where, tally)) continue;
            var dropped = (await ValidatedMarketDataLoader.LoadAsync(path, validation: new ValidationOptions { Policy = ValidationPolicy.Drop })).Clean;
            if (Difference(dropped, Rebuild(original, i => i == k ? [] : null)) is { } d) tally.Failures.Add($"{where}: under drop {d}");
        }
        for (int round = 0; round < RoundsPerSample; round++)
        {
            var path = Path.Combine(_dir.Path, $"eurusd_parquet_cut_{round}.parquet");
            await ParquetMarketFile.WriteAsync(original, path);
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..random.Next(bytes.Length - 1)]);
            tally.Count("parquet/truncated_file");
            CheckError(await FailureOf(() => ValidatedMarketDataLoader.LoadAsync(path)), path, $"{path}: ", null, $"parquet truncated round {round}", tally);
        }
    }

    private async Task CheckOandaJsonAsync(Random random, Tally tally)
    {
        var original = await QuoteBaseAsync();
        string Json(BarSeries bars, Func<int, string, string>? price = null, Func<int, string>? time = null)
        {
            string P(int i, int f, double v) => price?.Invoke(i, QuoteFields[f]) ?? v.ToString("R", CultureInfo.InvariantCulture);
            var sb = new StringBuilder("{\"instrument\":\"EUR_USD\",\"granularity\":\"D\",\"candles\":[\n");
            for (int i = 0; i < bars.Count; i++)
            {
                var v = Values(bars, i);
                var t = time?.Invoke(i) ?? new DateTime(bars.TimeTicks[i], DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.000000000Z", CultureInfo.InvariantCulture);
                sb.Append($"{{\"complete\":true,\"volume\":1,\"time\":\"{t}\",\"bid\":{{\"o\":\"{P(i, 0, v[0])}\",\"h\":\"{P(i, 1, v[1])}\",\"l\":\"{P(i, 2, v[2])}\",\"c\":\"{P(i, 3, v[3])}\"}},");
                sb.Append($"\"ask\":{{\"o\":\"{P(i, 4, v[4])}\",\"h\":\"{P(i, 5, v[5])}\",\"l\":\"{P(i, 6, v[6])}\",\"c\":\"{P(i, 7, v[7])}\"}}}}{(i + 1 < bars.Count ? "," : "")}\n");
            }
            return sb.Append("]}\n").ToString();
        }
        var texts = new (string Text, string Issue)[] { ("NaN", "missing_value"), ("0", "non_positive_price"), ("-1.1", "non_positive_price"), ("1e30", "implausible_price"), ("1e-308", "implausible_price") };
        string[] jsonKeys = ["bid.o", "bid.h", "bid.l", "bid.c", "ask.o", "ask.h", "ask.l", "ask.c"];
        for (int round = 0; round < RoundsPerSample * 6; round++)
        {
            int k = random.Next(original.Count), c = random.Next(8);
            var path = Path.Combine(_dir.Path, $"eurusd_oanda_{round}.json");
            string where = $"oanda-json round {round}";
            switch (round % 8)
            {
                case < 5:
                    var (text, issue) = texts[round % 8];
                    File.WriteAllText(path, Json(original, (i, f) => i == k && f == QuoteFields[c] ? text : null!));
                    tally.Count($"oanda-json/{issue}");
                    if (!CheckError(await FailureOf(() => ValidatedMarketDataLoader.LoadAsync(path)), path, $"{path}: row {k}:", QuoteFields[c], where, tally)) break;
                    var dropped = (await ValidatedMarketDataLoader.LoadAsync(path, validation: new ValidationOptions { Policy = ValidationPolicy.Drop })).Clean;
                    if (Difference(dropped, Rebuild(original, i => i == k ? [] : null)) is { } d) tally.Failures.Add($"{where}: under drop {d}");
                    break;
                case 5:
                    File.WriteAllText(path, Json(original, (i, f) => i == k && f == QuoteFields[c] ? "one" : null!));
                    tally.Count("oanda-json/not_a_number");
                    CheckError(await FailureOf(() => ValidatedMarketDataLoader.LoadAsync(path)), path, $"{path}: candles[{k}].{jsonKeys[c]}:", null, where, tally);
                    break;
                case 6:
                    File.WriteAllText(path, Json(original, time: i => i == k ? "2007-13-45T00:00:00Z" : null!));
                    tally.Count("oanda-json/bad_time");
                    CheckError(await FailureOf(() => ValidatedMarketDataLoader.LoadAsync(path)), path, $"{path}: candles[{k}].time:", null, where, tally);
                    break;
                default:
                    var full = Json(original);
                    File.WriteAllText(path, full[..random.Next(full.Length / 2, full.Length - 3)]);
                    tally.Count("oanda-json/truncated_file");
                    CheckError(await FailureOf(() => ValidatedMarketDataLoader.LoadAsync(path)), path, $"{path}:", null, where, tally);
                    break;
            }
        }
    }

    // ---------------------------------------------------------------- comparisons

    private static string? Difference(IMarketSeries got, IMarketSeries want)
    {
        if (got.Count != want.Count) return $"{got.Count} rows instead of {want.Count}";
        if (!got.TimeTicks.SequenceEqual(want.TimeTicks)) return "the times differ";
        var a = Columns(got);
        var b = Columns(want);
        if (a.Length != b.Length) return "different columns";
        for (int c = 0; c < a.Length; c++) if (!SameValues(a[c], b[c])) return $"column {c} differs";
        return null;
    }

    private static double[][] Columns(IMarketSeries series) => series switch
    {
        BarSeries { Kind: BarKind.Quote } q => [.. new[] { q.Bid!, q.Ask! }.SelectMany(s => new[] { s.Open.ToArray(), s.High.ToArray(), s.Low.ToArray(), s.Close.ToArray() })],
        BarSeries t => [t.Trade!.Open.ToArray(), t.Trade.High.ToArray(), t.Trade.Low.ToArray(), t.Trade.Close.ToArray(), t.Volume.ToArray()],
        TickSeries k => [k.Bid.ToArray(), k.Ask.ToArray()],
        _ => [],
    };

    private static bool SameValues(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++) if (!(a[i] == b[i] || (double.IsNaN(a[i]) && double.IsNaN(b[i])))) return false;
        return true;
    }
}
