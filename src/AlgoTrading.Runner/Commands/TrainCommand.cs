using System.CommandLine;
using AlgoTrading.Models.Store;
using AlgoTrading.Models.Validation;
using AlgoTrading.Workflows;

namespace AlgoTrading.Runner.Commands;

/// <summary><c>algotrading train --data … --features … --label … --model … --out …</c>.</summary>
internal static class TrainCommand
{
    public static Command Build()
    {
        var data = new Option<string>("--data") { Description = "Bars in any supported format", Required = true };
        var price = new Option<string?>("--price") { Description = "Price source of features and label: bid, ask, mid or trade (default: the set's)" };
        var features = new Option<string>("--features") { Description = "Feature set: built-in name, a set in model_config.yaml, or a .yaml file", Required = true };
        var label = new Option<string>("--label") { Description = "direction:horizon=12,threshold=0.0005 | return:horizon=12 | triple-barrier:tp=2,sl=1,horizon=24", Required = true };
        var model = new Option<string>("--model") { Description = "lightgbm, xgboost, lstm, gru, … (a kind, or a name under models: in model_config.yaml)", Required = true };
        var param = new Option<string[]>("--param") { Description = "Hyperparameter key=value (repeatable); overrides model_config.yaml" };
        var cv = new Option<string>("--cv") { Description = "purged-kfold or walk-forward", DefaultValueFactory = _ => "purged-kfold" };
        var folds = new Option<int>("--folds") { Description = "Number of folds", DefaultValueFactory = _ => 5 };
        var embargo = new Option<int?>("--embargo") { Description = "Rows embargoed after each test block (default: the label horizon)" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the model and the search" };
        var search = new Option<int>("--search") { Description = "Random-search trials over model_config.yaml's ranges, scored by the same cross-validation" };
        var output = new Option<string>("--out") { Description = "Model store folder (the model goes to <out>/staging/<id>)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the saved model's metadata as one JSON object instead of the table" };
        var command = new Command("train", "Train a model, validate it out of sample with purged folds, and save it with its metadata")
        {
            data, price, features, label, model, param, cv, folds, embargo, seed, search, output, json,
        };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            bool asJson = parse.GetValue(json);
            var request = new TrainRequest
            {
                DataFile = parse.GetValue(data)!, Price = OptionParsing.Price(parse.GetValue(price)), FeatureSet = parse.GetValue(features)!,
                Label = parse.GetValue(label)!, Model = parse.GetValue(model)!, Parameters = OptionParsing.Pairs(parse.GetValue(param), "--param"),
                Validation = parse.GetValue(cv) switch
                {
                    "purged-kfold" => SplitKind.PurgedKFold, "walk-forward" => SplitKind.WalkForward,
                    var other => throw new ArgumentException($"--cv {other}: expected purged-kfold or walk-forward"),
                },
                Folds = parse.GetValue(folds), Embargo = parse.GetValue(embargo), Seed = parse.GetValue(seed), Search = parse.GetValue(search),
                OutDirectory = parse.GetValue(output)!,
            };
            var run = await TrainingWorkflow.RunAsync(request, context.Configuration, asJson ? null : line => Console.Error.WriteLine(line), ct);
            if (asJson)
            {
                Console.Out.WriteLine(ModelStore.ToJson(run.Model));
                return 0;
            }
            var names = run.Validation.Folds[0].Metrics.Keys.ToList();
            Console.Out.WriteLine($"{"fold",4} {"train",7} {"test",6} {"purged",6} {"embargo",7}  {"test from",-16}  {"test to",-16}  " + string.Join(" ", names.Select(n => $"{n,9}")));
            foreach (var f in run.Validation.Folds)
                Console.Out.WriteLine($"{f.Fold,4} {f.TrainRows,7} {f.TestRows,6} {f.Purged,6} {f.Embargoed,7}  {f.TestStart,-16:yyyy-MM-dd HH:mm}  {f.TestEnd,-16:yyyy-MM-dd HH:mm}  " +
                    string.Join(" ", names.Select(n => $"{f.Metrics[n],9:F4}")));
            Console.Out.WriteLine($"{"all",4} {"",7} {run.Validation.Predictions.Length,6} {"",6} {"",7}  {"",-16}  {"",-16}  " + string.Join(" ", names.Select(n => $"{run.Validation.Overall[n],9:F4}")));
            if (run.Search.Count > 0)
                Console.Out.WriteLine($"search: {run.Search.Count} trials, best score {run.Search[0].Score:F4} (trial {run.Search[0].Trial}); table in search.csv");
            Console.Out.WriteLine($"saved {run.Model.Id} -> {run.Model.Path}");
            return 0;
        }));
        return command;
    }
}
