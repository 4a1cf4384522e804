using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AlgoTrading.Backtesting.Metrics;
using AlgoTrading.Domain;
using AlgoTrading.Time;
using Parquet;
using Parquet.Schema;

namespace AlgoTrading.Backtesting;

/// <summary>Which equity files a run writes.</summary>
public enum EquityOutput
{
    /// <summary>
    /// <c>equity.csv</c> with every time step up to <see cref="BacktestOutputWriter.FullEquityUpTo"/> steps; longer runs keep,
    /// per UTC hour, the first, lowest, highest and last equity (in time order) plus the exact peak and trough of the
    /// maximum drawdown. The default.
    /// </summary>
    Coarse,
    /// <summary><c>equity.csv</c> with every time step.</summary>
    FullCsv,
    /// <summary>The coarse <c>equity.csv</c> plus <c>equity.parquet</c> with every time step (time_utc timestamp, equity double).</summary>
    FullParquet,
}

/// <summary>An input file of a run and the SHA-256 of its bytes (lower-case hex).</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Sha256">SHA-256 of its content.</param>
public sealed record InputFile(string Path, string Sha256)
{
    /// <summary>Hashes <paramref name="path"/>.</summary>
    public static InputFile Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return new InputFile(path, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}

/// <summary>
/// Writes a run's files into its output folder:
/// <c>trades.csv</c> (instrument, entry_time, entry_price, exit_time, exit_price, units, pnl, gross_pnl, spread,
/// commission, slippage, financing, entry_reason, exit_reason; times ISO 8601 UTC, bar start of the
/// fill bar; one row per closed trade), <c>equity.csv</c> (time_utc, equity; resolution per <see cref="EquityOutput"/>),
/// <c>metrics.json</c> (snake_case keys; an undefined metric is null and named under <c>undefined</c> with the reason),
/// and <c>run.json</c> (settings, input files with SHA-256, library version with its git commit).
/// Numbers are written invariantly in round-trip form so identical runs give identical files.
/// Each file has its own method so a caller can write them in parallel.
/// </summary>
public static class BacktestOutputWriter
{
    /// <summary>Runs up to this many time steps get every step in the coarse <c>equity.csv</c>.</summary>
    public const int FullEquityUpTo = 100_000;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Writes trades.csv, equity.csv (coarse), metrics.json and run.json one after the other; returns their paths.</summary>
    public static IReadOnlyList<string> Write(BacktestResult result, string directory, object runSettings, IEnumerable<string> inputFiles)
    {
        Directory.CreateDirectory(directory);
        var files = new List<string> { WriteTrades(result.Trades, directory) };
        files.AddRange(WriteEquity(result.EquityTime, result.Equity, result.Options.InitialCash, directory, EquityOutput.Coarse));
        files.Add(WriteMetrics(result.Metrics(), directory));
        files.Add(WriteRun(directory, runSettings, inputFiles.Select(InputFile.Of).ToArray()));
        return files;
    }

    /// <summary>Writes trades.csv; returns its path.</summary>
    public static string WriteTrades(IReadOnlyList<TradeRecord> trades, string directory)
    {
        var path = Path.Combine(directory, "trades.csv");
        using var writer = new StreamWriter(path, false, Utf8, 1 << 16);
        writer.Write("instrument,entry_time,entry_price,exit_time,exit_price,units,pnl,gross_pnl,spread,commission,slippage,financing,entry_reason,exit_reason\n");
        // Each number through double.TryFormat, which is precompiled: an interpolated TryWrite instantiates a generic
        // formatter per type that a one-shot command runs unoptimised for every row.
        Span<char> line = stackalloc char[512];
        for (int i = 0; i < trades.Count; i++)
        {
            var t = trades[i];
            var c = t.Costs;
            writer.Write(t.Instrument); // a run of several instruments writes them all in one file
            writer.Write(',');
            int n = Iso(t.EntryTime.Ticks, line);
            line[n++] = ',';
            n += Number(t.EntryPrice, line[n..]);
            line[n++] = ',';
            n += Iso(t.ExitTime.Ticks, line[n..]);
            foreach (double v in (ReadOnlySpan<double>)[t.ExitPrice, t.Units, t.Pnl, t.GrossPnl, c.Spread, c.Commission, c.Slippage, c.Financing])
            {
                line[n++] = ',';
                n += Number(v, line[n..]);
            }
            line[n++] = ',';
            writer.Write(line[..n]);
            writer.Write(t.EntryReason);
            writer.Write(',');
            writer.Write(t.ExitReason);
            writer.Write('\n');
        }
        return path;
    }

    /// <summary>Writes equity.csv (and equity.parquet for <see cref="EquityOutput.FullParquet"/>); returns their paths.</summary>
    public static IReadOnlyList<string> WriteEquity(ReadOnlyMemory<long> timeTicks, double[] equity, double initialCash, string directory, EquityOutput output)
    {
        var time = timeTicks.Span;
        var files = new List<string>();
        var csv = Path.Combine(directory, "equity.csv");
        int[]? rows = null;
        if (output != EquityOutput.FullCsv)
        {
            var worst = Drawdowns.Worst(time, equity, initialCash, 1);
            int[] keep = worst.Count > 0 ? [worst[0].PeakIndex, worst[0].TroughIndex] : [];
            rows = ExtremaDownsampler.ByTime(time, equity, TimeSpan.TicksPerHour, FullEquityUpTo, keep);
        }
        using (var writer = new StreamWriter(csv, false, Utf8, 1 << 16))
        {
            writer.Write("time_utc,equity\n");
            Span<char> line = stackalloc char[64];
            int count = rows?.Length ?? equity.Length;
            for (int k = 0; k < count; k++)
            {
                int i = rows is null ? k : rows[k];
                int n = Iso(time[i], line);
                line[n++] = ',';
                n += Number(equity[i], line[n..]);
                line[n++] = '\n';
                writer.Write(line[..n]);
            }
        }
        files.Add(csv);
        if (output == EquityOutput.FullParquet) files.Add(WriteEquityParquet(timeTicks, equity, Path.Combine(directory, "equity.parquet")));
        return files;
    }

    private static string WriteEquityParquet(ReadOnlyMemory<long> time, double[] equity, string path)
    {
        WriteEquityParquetAsync(time, equity, path).GetAwaiter().GetResult(); // the writers run on pool threads already
        return path;
    }

    private static async Task WriteEquityParquetAsync(ReadOnlyMemory<long> time, double[] equity, string path)
    {
        var timeField = new DateTimeDataField("time_utc", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
        var equityField = new DataField<double>("equity");
        var times = UtcTicks.ToDateTimes(time.Span);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(timeField, equityField), stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy });
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<DateTime>(timeField, times.AsMemory());
        await group.WriteAsync<double>(equityField, equity.AsMemory());
    }

    /// <summary>Writes metrics.json; returns its path.</summary>
    public static string WriteMetrics(PerformanceMetrics metrics, string directory)
    {
        // Written field by field rather than through the reflection serialiser, whose first use costs a
        // tenth of a second of JIT in a command that runs for well under a second.
        var path = Path.Combine(directory, "metrics.json");
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        WriteJson(json, MetricsDocument(metrics));
        return path;
    }

    /// <summary>Writes run.json: library name and version (with the git commit it was built from), settings, inputs with SHA-256; returns its path.</summary>
    public static string WriteRun(string directory, object runSettings, IReadOnlyList<InputFile> inputs)
    {
        var run = new Dictionary<string, object?>
        {
            ["library"] = new Dictionary<string, object?> { ["name"] = "AlgoTrading", ["version"] = CodeVersion.Library },
            ["settings"] = runSettings,
            ["inputs"] = inputs.Select(f => new Dictionary<string, object?> { ["path"] = f.Path, ["sha256"] = f.Sha256 }).ToArray(),
        };
        return Save(directory, "run.json", Json(run));
    }

    /// <summary>
    /// <paramref name="document"/> as indented JSON, the form run.json and the report's parameters use: documents of
    /// dictionaries, arrays, strings, numbers, booleans and nulls are written directly (the reflection serialiser's first
    /// use costs a one-shot command a tenth of a second of JIT); other objects go through it with snake_case names.
    /// </summary>
    public static string Json(object? document)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true })) WriteJson(json, document);
        return Utf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteJson(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case double d: json.WriteNumberValue(d); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case IEnumerable<KeyValuePair<string, object?>> map: WriteObject(json, map); break;
            case IEnumerable<KeyValuePair<string, double>> map: WriteObject(json, map.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))); break;
            case IEnumerable<KeyValuePair<string, string>> map: WriteObject(json, map.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value))); break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items) WriteJson(json, item);
                json.WriteEndArray();
                break;
            default: JsonSerializer.Serialize(json, value, value.GetType(), JsonOptions); break;
        }
    }

    private static void WriteObject(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> properties)
    {
        json.WriteStartObject();
        foreach (var (key, value) in properties)
        {
            json.WritePropertyName(key);
            WriteJson(json, value);
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// The metrics as metrics.json spells them. A metric whose definition gives no number (a ratio with a zero
    /// denominator, a statistic of no trades) is null, and <c>undefined</c> maps its key to the reason
    /// (docs/models/metrics.md); JSON never holds NaN.
    /// </summary>
    public static Dictionary<string, object?> MetricsDocument(PerformanceMetrics m)
    {
        var undefined = new SortedDictionary<string, string>();
        double? V(string key, double value, string reason)
        {
            if (double.IsFinite(value)) return value;
            undefined[key] = reason;
            return null;
        }
        var doc = new Dictionary<string, object?>
        {
            ["total_return"] = m.TotalReturn,
            ["cagr"] = V("cagr", m.Cagr, "no complete trading day"),
            ["annual_volatility"] = V("annual_volatility", m.AnnualVolatility, "fewer than two daily returns"),
            ["sharpe"] = V("sharpe", m.Sharpe, "daily returns have no variation (or fewer than two)"),
            ["sortino"] = V("sortino", m.Sortino, "no losing day (downside deviation 0)"),
            ["calmar"] = V("calmar", m.Calmar, "no drawdown"),
            ["max_drawdown"] = m.MaxDrawdown, ["max_drawdown_duration_days"] = m.MaxDrawdownDuration.TotalDays,
            ["time_to_recover_days"] = m.TimeToRecover?.TotalDays,
            ["win_rate"] = V("win_rate", m.WinRate, "no closed trade"),
            ["profit_factor"] = V("profit_factor", m.ProfitFactor, "no losing trade (gross loss 0)"),
            ["expectancy"] = V("expectancy", m.Expectancy, "no closed trade"),
            ["average_win"] = V("average_win", m.AverageWin, "no winning trade"),
            ["average_loss"] = V("average_loss", m.AverageLoss, "no losing trade"),
            ["payoff"] = V("payoff", m.Payoff, "no winning or no losing trade"),
            ["exposure"] = m.Exposure,
            ["turnover"] = V("turnover", m.Turnover, "the run spans less than two time steps"),
            ["trades"] = m.Trades, ["final_equity"] = m.FinalEquity, ["costs"] = m.Costs,
        };
        if (m.TimeToRecover is null) undefined["time_to_recover_days"] = m.MaxDrawdown < 0 ? "the deepest drawdown has not recovered" : "no drawdown";
        doc["undefined"] = undefined;
        return doc;
    }

    // A double in round-trip form (invariant), as "{x:R}" writes it.
    private static int Number(double value, Span<char> destination) =>
        value.TryFormat(destination, out int n, "R", CultureInfo.InvariantCulture) ? n : throw new InvalidOperationException($"{value:R} does not fit a CSV field");

    // ISO 8601 UTC (2024-01-02T21:00:00Z); fractions of a second only when there are any. The common
    // whole-second case takes the runtime's fast "s" path instead of parsing a custom format per value.
    private static int Iso(long ticks, Span<char> destination)
    {
        var t = new DateTime(ticks, DateTimeKind.Utc);
        int n;
        if (ticks % TimeSpan.TicksPerSecond == 0) t.TryFormat(destination, out n, "s", CultureInfo.InvariantCulture);
        else t.TryFormat(destination, out n, "yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        destination[n] = 'Z';
        return n + 1;
    }

    private static string Save(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text, Utf8);
        return path;
    }
}
