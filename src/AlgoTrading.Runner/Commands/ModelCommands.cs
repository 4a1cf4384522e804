using System.CommandLine;
using AlgoTrading.Models.Store;
using AlgoTrading.Workflows;

namespace AlgoTrading.Runner.Commands;

/// <summary><c>algotrading models list|promote|explain</c> over the model store (system_config paths.model_storage, or --store).</summary>
internal static class ModelCommands
{
    private static readonly Option<string?> Store = new("--store") { Description = "Model store folder (default: paths.model_storage in system_config.yaml)", Recursive = true };

    public static Command Build()
    {
        var command = new Command("models", "List, promote and explain trained models") { Store };
        command.Add(List());
        command.Add(Promote());
        command.Add(Explain());
        return command;
    }

    private static ModelStore Open(CliContext context, ParseResult parse) =>
        new(parse.GetValue(Store) ?? context.Resolve(context.Configuration.System.Paths.ModelStorage));

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "One JSON array of every model's metadata" };
        var command = new Command("list", "Every stored model, newest first") { json };
        command.SetAction(AlgoTradingCli.Run((context, parse, ct) =>
        {
            var models = Open(context, parse).List();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine("[" + string.Join(",", models.Select(m => ModelStore.ToJson(m))) + "]");
                return Task.FromResult(0);
            }
            if (models.Count == 0) Console.Out.WriteLine("no models");
            foreach (var m in models)
                Console.Out.WriteLine($"{m.Id,-48} {m.Stage,-10} {(m.Version > 0 ? $"v{m.Version}" : ""),-4} {m.Kind,-9} {m.Market}/{m.Instrument,-10} {m.FeatureSet,-14} {m.Label,-40} " +
                    string.Join(" ", m.Metrics.Where(x => x.Key is "oos_auc" or "oos_ic").Select(x => $"{x.Key}={x.Value:F4}")));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Promote()
    {
        var id = new Argument<string>("id") { Description = "A staged model's id" };
        var command = new Command("promote", "Move a staged model into production as the next version; the previous version goes to the archive") { id };
        command.SetAction(AlgoTradingCli.Run((context, parse, ct) =>
        {
            var promoted = Open(context, parse).Promote(parse.GetValue(id)!);
            Console.Out.WriteLine($"{promoted.Id} is production/{promoted.Market}/{promoted.Instrument}/v{promoted.Version} -> {promoted.Path}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Explain()
    {
        var id = new Argument<string>("model") { Description = "Model id, folder, or production/<market>/<instrument>/latest" };
        var data = new Option<string>("--data") { Description = "Bars to compute the model's features on", Required = true };
        var rows = new Option<string?>("--rows") { Description = "The last N complete rows (default 5), or bar-start times in UTC: 2024-01-02T10:00,2024-01-02T11:00" };
        var index = new Option<string?>("--index") { Description = "Bar indices in the data file (0 = first bar), comma-separated" };
        var from = new Option<string?>("--from") { Description = "Every row from this bar-start time (UTC, e.g. 2024-01-02T10:00)" };
        var to = new Option<string?>("--to") { Description = "Every row up to this bar-start time (UTC)" };
        var command = new Command("explain", "Feature importance (total gain) and per-prediction contributions (SHAP) of chosen rows (default: the last 5)") { id, data, rows, index, from, to };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var store = Open(context, parse);
            var chosen = ExplainRows.Parse(parse.GetValue(rows), parse.GetValue(index), parse.GetValue(from), parse.GetValue(to));
            var e = await ModelWorkflow.ExplainAsync(store.Root, parse.GetValue(id)!, parse.GetValue(data)!, context.Configuration, chosen, ct);
            Console.Out.WriteLine($"{e.Model.Id} ({e.Model.Kind}, {e.Model.Label})");
            Console.Out.WriteLine("importance (total gain):");
            foreach (var (feature, gain) in e.Importance) Console.Out.WriteLine($"  {feature,-24} {gain,14:F4}");
            var names = e.Model.FeatureNames.Append("bias").ToList();
            Console.Out.WriteLine("contributions (raw score) of the chosen rows:");
            Console.Out.WriteLine($"  {"time_utc",-16} {"prediction",10} " + string.Join(" ", names.Select(n => $"{Trim(n),12}")));
            for (int r = 0; r < e.Time.Length; r++)
                Console.Out.WriteLine($"  {e.Time[r],-16:yyyy-MM-dd HH:mm} {e.Predictions[r],10:F4} " + string.Join(" ", e.Contributions[r].Select(c => $"{c,12:F5}")));
            return 0;
        }));
        return command;
    }

    private static string Trim(string name) => name.Length <= 12 ? name : name[..12];
}
