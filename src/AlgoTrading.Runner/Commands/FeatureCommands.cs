using System.CommandLine;
using AlgoTrading.Domain;
using AlgoTrading.Features;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Features.Sets;
using AlgoTrading.Workflows;

namespace AlgoTrading.Runner.Commands;

/// <summary><c>algotrading features &lt;file&gt; --set … --out …</c>, <c>features check</c> and <c>features list</c>.</summary>
internal static class FeatureCommands
{
    public static Command Build()
    {
        var file = new Argument<string>("data-file") { Description = "Bars in any supported format" };
        var set = new Option<string>("--set") { Description = "Feature set: a built-in name (classic, market_state), a set in model_config.yaml, or a .yaml file", Required = true };
        var output = new Option<string>("--out") { Description = "Output file: .csv or .parquet", Required = true };
        var price = PriceOption();
        var with = WithOption();
        var policy = OptionParsing.PolicyOption();
        var command = new Command("features", "Compute a feature set: time_utc (bar start, UTC) then one column per feature; warm-up cells are empty in CSV")
        {
            file, set, output, price, with, policy,
        };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var outPath = OptionParsing.OutputFile(parse.GetValue(output)!, "--out", ".csv", ".parquet");
            var run = await FeatureWorkflow.ComputeAsync(parse.GetValue(file)!, parse.GetValue(set)!, context.Configuration,
                OptionParsing.Price(parse.GetValue(price)), OptionParsing.Pairs(parse.GetValue(with), "--with"), OptionParsing.Validation(parse.GetValue(policy)!), ct);
            await FeatureMatrixWriter.WriteAsync(run.Matrix, outPath, ct);
            if (!run.Validation.IsClean) Console.Out.WriteLine(run.Validation.ToString());
            Console.Out.WriteLine($"{run.SetName}: {run.Matrix.Rows:N0} rows × {run.Matrix.Columns.Count} features -> {outPath}");
            return 0;
        }));
        command.Add(Check());
        command.Add(List());
        return command;
    }

    private static Command Check()
    {
        var file = new Argument<string>("data-file") { Description = "Bars in any supported format" };
        var set = new Option<string>("--set") { Description = "Feature set (name or .yaml file)", Required = true };
        var price = PriceOption();
        var with = WithOption();
        var policy = OptionParsing.PolicyOption();
        var command = new Command("check", "Look-ahead probe: recompute with the future truncated and perturbed; fail naming the first column and time whose past changed")
        {
            file, set, price, with, policy,
        };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var violation = await FeatureWorkflow.CheckAsync(parse.GetValue(file)!, parse.GetValue(set)!, context.Configuration,
                OptionParsing.Price(parse.GetValue(price)), OptionParsing.Pairs(parse.GetValue(with), "--with"), OptionParsing.Validation(parse.GetValue(policy)!), ct);
            if (violation is null)
            {
                Console.Out.WriteLine($"{parse.GetValue(set)}: no look-ahead (past values unchanged when the future was truncated or perturbed)");
                return 0;
            }
            Console.Error.WriteLine($"error: {violation}");
            return 1;
        }));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List indicators and feature sets");
        command.SetAction(AlgoTradingCli.Run((context, parse, ct) =>
        {
            Console.Out.WriteLine("indicators:");
            foreach (var d in IndicatorCatalog.All)
                Console.Out.WriteLine($"  {d.Name,-12} params [{string.Join(", ", d.Defaults)}]  {d.Summary}");
            Console.Out.WriteLine("feature sets:");
            foreach (var name in BuiltInFeatureSets.Names) Console.Out.WriteLine($"  {name} (built in)");
            foreach (var name in context.Configuration.Model.FeatureSets.Keys) Console.Out.WriteLine($"  {name} (model_config.yaml)");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Option<string?> PriceOption() => new("--price") { Description = "Price source: bid, ask, mid or trade (default: the set's)" };
    private static Option<string[]> WithOption() => new("--with") { Description = "Another instrument's bars for cross features: SYMBOL=file (repeatable)", AllowMultipleArgumentsPerToken = false };

}
