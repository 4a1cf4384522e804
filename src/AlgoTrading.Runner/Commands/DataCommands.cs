using System.CommandLine;
using System.Text.Json;
using AlgoTrading.Data;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;
using AlgoTrading.Domain;
using AlgoTrading.DuckDb;
using AlgoTrading.Runner.Output;
using AlgoTrading.Time;
using Spectre.Console;

namespace AlgoTrading.Runner.Commands;

/// <summary><c>algotrading data inspect|import|resample|query</c>.</summary>
internal static class DataCommands
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private static Option<string> FormatOption() => new("--format")
    {
        Description = $"File format: {string.Join(", ", MarketDataReader.Names.Keys.Where(k => k != "normalized"))}",
        DefaultValueFactory = _ => "auto",
    };
    private static Option<string?> ZoneOption() => new("--tz") { Description = "Zone the file's times are in (IANA name, UTC or UTC-05); default: the format's own" };
    private static Option<string?> InstrumentOption(bool required = false) => new("--instrument") { Description = "Instrument symbol, e.g. EUR_USD", Required = required };
    private static Option<string?> SessionOption() => new("--session") { Description = "Session from market_config (default: the instrument's, else fx)" };

    public static Command Build()
    {
        var data = new Command("data", "Inspect, import, resample and query market data");
        data.Add(Inspect());
        data.Add(Import());
        data.Add(Resample());
        data.Add(Query());
        return data;
    }

    private static Command Inspect()
    {
        var file = new Argument<string>("file") { Description = "The data file" };
        var format = FormatOption();
        var tz = ZoneOption();
        var instrument = InstrumentOption();
        var session = SessionOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var spikeThreshold = new Option<double?>("--spike-threshold") { Description = "Report a jump beyond this many typical moves (EWMA deviations) as a spike (default 12)" };
        var maxJump = new Option<double?>("--max-jump") { Description = "Report a price more than this factor from the previous close as implausible (default 4)" };
        var command = new Command("inspect", "Rows, time range, resolution, gaps and validation issues of a file") { file, format, tz, instrument, session, json, spikeThreshold, maxJump };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var read = ReadOptions(parse.GetValue(format)!, parse.GetValue(tz), parse.GetValue(instrument));
            var path = parse.GetValue(file)!;
            var name = read.Instrument ?? MarketDataReader.GuessInstrument(path);
            var thresholds = new ValidationOptions();
            if (OptionParsing.Above(parse.GetValue(spikeThreshold), 0, "--spike-threshold") is { } st) thresholds = thresholds with { SpikeThreshold = st };
            if (OptionParsing.Above(parse.GetValue(maxJump), 1, "--max-jump") is { } mj) thresholds = thresholds with { MaxJump = mj };
            var inspection = await MarketDataInspector.InspectAsync(path, read, SessionFor(context, name, parse.GetValue(session)), thresholds, ct);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(inspection, Json));
                return 0;
            }
            var table = new Table().HideHeaders().AddColumns("key", "value");
            table.AddRow("file", Markup.Escape(inspection.File));
            table.AddRow("format", inspection.Format);
            table.AddRow("instrument", Markup.Escape(inspection.Instrument));
            table.AddRow("kind", inspection.Kind);
            table.AddRow("rows", $"{inspection.Rows:N0}");
            table.AddRow("first (UTC)", $"{inspection.First:yyyy-MM-dd HH:mm:ss.fff}");
            table.AddRow("last (UTC)", $"{inspection.Last:yyyy-MM-dd HH:mm:ss.fff}");
            table.AddRow("resolution", inspection.Resolution);
            table.AddRow("session", inspection.Session);
            var largest = inspection.Gaps.Largest is { } g ? $"; largest {g.MissingBars:N0} slots after {g.After:yyyy-MM-dd HH:mm}" : "";
            table.AddRow("gaps", $"{inspection.Gaps.Count:N0} ({inspection.Gaps.MissingBars:N0} slots missing{largest})");
            table.AddRow("issues", inspection.Issues.Count == 0 ? "none" : string.Join(", ", inspection.Issues.Select(kv => $"{kv.Key}={kv.Value:N0}")));
            foreach (var note in inspection.Notes) table.AddRow("note", Markup.Escape(note));
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Import()
    {
        var file = new Argument<string>("file") { Description = "The data file" };
        var format = FormatOption();
        var tz = ZoneOption();
        var instrument = InstrumentOption(required: true);
        var policy = OptionParsing.PolicyOption();
        var market = new Option<string?>("--market") { Description = "Store folder (forex, indices, equity…); default from market_config" };
        var store = new Option<string?>("--store") { Description = "Store root (default: paths.storage from system_config)" };
        var spikes = OptionParsing.SpikesOption();
        var command = new Command("import", "Validate a file and merge it into the Parquet store") { file, format, tz, instrument, policy, spikes, market, store };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var read = ReadOptions(parse.GetValue(format)!, parse.GetValue(tz), parse.GetValue(instrument));
            var root = context.ResolveArgument(parse.GetValue(store), context.Configuration.System.Paths.Storage);
            var summary = await ProgressDisplay.RunAsync("import", progress =>
                MarketDataImporter.ImportAsync(parse.GetValue(file)!, new MarketDataStore(root),
                    read with { Progress = ProgressDisplay.Fraction(progress, "reading") },
                    OptionParsing.Validation(parse.GetValue(policy)!, parse.GetValue(spikes)!), parse.GetValue(market), context.Configuration.Market, ct));
            Console.Out.WriteLine(summary.Validation.ToString());
            Console.Out.WriteLine($"{summary.Market}/{summary.Instrument}/{summary.Resolution}: {summary.Stored.Added:N0} rows added, {summary.Stored.Replaced:N0} replaced");
            foreach (var f in summary.Stored.Files) Console.Out.WriteLine($"  {f}");
            context.Log.Information("imported {Instrument} {Resolution}: {Added} added, {Replaced} replaced", summary.Instrument, summary.Resolution.ToString(), summary.Stored.Added, summary.Stored.Replaced);
            return 0;
        }));
        return command;
    }

    private static Command Resample()
    {
        var file = new Argument<string>("file") { Description = "The data file (bars or ticks)" };
        var to = new Option<string>("--to") { Description = "Target period: M5, M15, H1, H4, D1, W1, MN1…", Required = true };
        var output = new Option<string>("--out") { Description = "Output file (.csv or .parquet)", Required = true };
        var format = FormatOption();
        var tz = ZoneOption();
        var instrument = InstrumentOption();
        var policy = OptionParsing.PolicyOption();
        var session = SessionOption();
        var spikes = OptionParsing.SpikesOption();
        var command = new Command("resample", "Aggregate ticks or bars to a coarser period (DST-correct; FX days end 17:00 New York)") { file, to, output, format, tz, instrument, policy, spikes, session };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var target = BarPeriod.Parse(parse.GetValue(to)!);
            var path = parse.GetValue(file)!;
            var outPath = OptionParsing.OutputFile(parse.GetValue(output)!, "--out", ".csv", ".parquet");
            var read = ReadOptions(parse.GetValue(format)!, parse.GetValue(tz), parse.GetValue(instrument));
            var options = OptionParsing.Validation(parse.GetValue(policy)!, parse.GetValue(spikes)!);
            var (data, clean, report) = await ValidatedMarketDataLoader.LoadAsync(path, read, options, ct);
            var tradingSession = SessionFor(context, data.Series.Instrument, parse.GetValue(session));
            var result = Resampler.Resample(clean, target, tradingSession);
            if (outPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) await ParquetMarketFile.WriteAsync(result, outPath, ct);
            else NormalisedCsvWriter.Write(result, outPath);
            Console.Out.WriteLine(report.ToString());
            Console.Out.WriteLine($"{data.Series.Count:N0} rows ({data.Series.Period}) -> {result.Count:N0} {target} bars in {outPath}");
            return 0;
        }));
        return command;
    }

    private static Command Query()
    {
        var sql = new Argument<string>("sql") { Description = "SQL over the view 'bars' (market, instrument, resolution, time_utc, prices…)" };
        var store = new Option<string?>("--store") { Description = "Store root (default: paths.storage from system_config)" };
        var json = new Option<bool>("--json") { Description = "Print rows as JSON" };
        var command = new Command("query", "Run SQL (DuckDB) over the Parquet store") { sql, store, json };
        command.SetAction(AlgoTradingCli.Run((context, parse, ct) =>
        {
            var root = context.ResolveArgument(parse.GetValue(store), context.Configuration.System.Paths.Storage);
            using var query = new StoreQuery(root);
            var result = query.Query(parse.GetValue(sql)!);
            if (parse.GetValue(json))
            {
                var rows = result.Rows.Select(r => result.Columns.Select((c, i) => (c, v: r[i])).ToDictionary(x => x.c, x => x.v));
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, Json));
                return Task.FromResult(0);
            }
            var table = new Table();
            foreach (var c in result.Columns) table.AddColumn(Markup.Escape(c));
            foreach (var r in result.Rows) table.AddRow(r.Select(v => Markup.Escape(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "NULL")).ToArray());
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static MarketDataReadOptions ReadOptions(string format, string? zone, string? instrument) => new()
    {
        Format = MarketDataReader.ParseFormat(format),
        TimeZone = zone is null ? null : MarketTimeZones.Resolve(zone),
        Instrument = instrument,
    };

    private static TradingSession SessionFor(CliContext context, string instrument, string? sessionName)
    {
        var market = context.Configuration.Market;
        if (sessionName is not null)
            return market.Sessions.ContainsKey(sessionName) ? market.Session(sessionName)
                : throw new ArgumentException($"--session {sessionName}: not in market_config.yaml; known: {string.Join(", ", market.Sessions.Keys)}");
        if (market.FindInstrument(instrument) is { } symbol) return market.SessionOf(symbol);
        return market.Sessions.ContainsKey("fx") ? market.Session("fx") : TradingSession.Forex;
    }
}
