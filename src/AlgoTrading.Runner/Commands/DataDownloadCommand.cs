using System.CommandLine;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Data.Processors;
using AlgoTrading.Data.Storage;
using AlgoTrading.Runner.Output;

namespace AlgoTrading.Runner.Commands;

/// <summary><c>algotrading data download</c>: candles from OANDA v20 into the store or a file, resumable.</summary>
internal static class DataDownloadCommand
{
    public static Command Build()
    {
        var instrument = new Option<string>("--instrument") { Description = "v20 instrument, e.g. EUR_USD", Required = true };
        var granularity = new Option<string>("--granularity") { Description = "M1, M5, M15, H1, H4 or D", DefaultValueFactory = _ => "M1" };
        var price = new Option<string>("--price") { Description = "BA (bid and ask), MBA or M (mid)", DefaultValueFactory = _ => "BA" };
        var from = new Option<string>("--from") { Description = "First date (UTC), e.g. 2024-01-01", Required = true };
        var to = new Option<string>("--to") { Description = "End date (UTC, exclusive)", Required = true };
        var output = new Option<string?>("--out") { Description = "Write a file (.csv or .parquet) instead of the store" };
        var store = new Option<string?>("--store") { Description = "Store root (default: paths.storage from system_config)" };
        var policy = new Option<string>("--policy") { Description = "What to do with bad rows: fail, drop, repair or keep", DefaultValueFactory = _ => "fail" };
        var command = new Command("download", "Download OANDA candles (pages of 5,000; an interrupted download resumes), validate and store them")
            { instrument, granularity, price, from, to, output, store, policy, BrokerCommands.Live };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var g = parse.GetValue(granularity)!;
            if (g is not ("S5" or "M1" or "M5" or "M15" or "H1" or "H4" or "D")) throw new ArgumentException($"--granularity {g}: expected M1, M5, M15, H1, H4 or D");
            var p = parse.GetValue(price)!;
            if (p is not ("BA" or "MBA" or "M")) throw new ArgumentException($"--price {p}: expected BA, MBA or M");
            if (parse.GetValue(output) is not null && parse.GetValue(store) is not null) throw new ArgumentException("--out and --store exclude each other");
            var request = new CandleDownloadRequest(parse.GetValue(instrument)!, g, p,
                OandaCandleDownload.ParseDate(parse.GetValue(from)!, "--from"), OandaCandleDownload.ParseDate(parse.GetValue(to)!, "--to"));
            var validation = new ValidationOptions { Policy = parse.GetValue(policy)!.ToLowerInvariant() switch
            {
                "fail" => ValidationPolicy.Fail, "drop" => ValidationPolicy.Drop, "repair" => ValidationPolicy.Repair, "keep" => ValidationPolicy.Keep,
                var other => throw new ArgumentException($"--policy {other}: expected fail, drop, repair or keep"),
            } };
            using var client = OandaOperations.Connect(context.Configuration.System.Broker, context.Root, parse.GetValue(BrokerCommands.Live), m => context.Log.Debug("broker: {Message}", m));
            var outPath = parse.GetValue(output);
            var result = await ProgressDisplay.RunAsync($"download {request.Instrument} {g}", progress =>
            {
                var fraction = ProgressDisplay.Fraction(progress, "candles");
                return outPath is not null
                    ? OandaCandleDownload.ToFileAsync(client, request, outPath, validation, fraction, ct)
                    : OandaCandleDownload.ToStoreAsync(client, request, new MarketDataStore(context.Resolve(parse.GetValue(store) ?? context.Configuration.System.Paths.Storage)),
                        context.Configuration.Market, validation, fraction, ct);
            });
            Console.Out.WriteLine(result.Validation.ToString());
            foreach (var note in result.Notes) Console.Out.WriteLine($"note: {note}");
            Console.Out.WriteLine($"{request.Instrument} {g}: {result.Candles:N0} candles ({result.PagesDownloaded} pages downloaded, {result.PagesReused} reused) -> {result.Destination}: {result.Added:N0} added, {result.Replaced:N0} replaced");
            context.Log.Information("downloaded {Instrument} {Granularity}: {Candles} candles, {Added} added", request.Instrument, g, result.Candles, result.Added);
            return 0;
        }));
        return command;
    }
}
