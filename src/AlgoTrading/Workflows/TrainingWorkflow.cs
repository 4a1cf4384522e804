using System.Globalization;
using System.Text;
using AlgoTrading.Configuration;
using AlgoTrading.Data;
using AlgoTrading.Domain;
using AlgoTrading.Features;
using AlgoTrading.Features.Labels;
using AlgoTrading.Models;
using AlgoTrading.Models.Store;
using AlgoTrading.Models.Validation;

namespace AlgoTrading.Workflows;

/// <summary>What <c>algotrading train</c> asks for.</summary>
public sealed record TrainRequest
{
    /// <summary>Bars in any supported format.</summary>
    public required string DataFile { get; init; }
    /// <summary>Overrides the feature set's price source.</summary>
    public PriceSource? Price { get; init; }
    /// <summary>Feature set name or .yaml file.</summary>
    public required string FeatureSet { get; init; }
    /// <summary>Label spec, see <see cref="LabelSpec"/>.</summary>
    public required string Label { get; init; }
    /// <summary>Model kind (or a name under <c>models:</c> in model_config.yaml).</summary>
    public required string Model { get; init; }
    /// <summary>Hyperparameters given on the command line; they override model_config.yaml.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Purged k-fold or walk-forward.</summary>
    public SplitKind Validation { get; init; } = SplitKind.PurgedKFold;
    /// <summary>Number of folds.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>Rows embargoed after each test block; default the label's horizon.</summary>
    public int? Embargo { get; init; }
    /// <summary>Seed of the model and the search.</summary>
    public int? Seed { get; init; }
    /// <summary>Random-search trials over model_config.yaml's ranges (0 = none).</summary>
    public int Search { get; init; }
    /// <summary>Model store root.</summary>
    public required string OutDirectory { get; init; }
}

/// <summary>What training produced.</summary>
/// <param name="Model">The saved model's metadata.</param>
/// <param name="Validation">Fold table and out-of-sample predictions of the chosen hyperparameters.</param>
/// <param name="Search">Search trials, best first (empty without a search).</param>
/// <param name="WarmUpRows">Leading rows dropped for feature warm-up.</param>
/// <param name="UnlabeledRows">Rows dropped because their label was undefined.</param>
public sealed record TrainingRun(StoredModel Model, CrossValidationResult Validation, IReadOnlyList<SearchTrial> Search, int WarmUpRows, int UnlabeledRows);

/// <summary>
/// The library side of <c>algotrading train</c>: features and label on the same bars, purged
/// cross-validation (after an optional seeded random search scored the same way), a final fit on
/// every labelled row, and the model saved to the store's staging area with its metadata, fold
/// table (<c>folds.csv</c>), out-of-sample predictions (<c>oos_predictions.csv</c>) and search
/// results (<c>search.csv</c>).
/// </summary>
public static class TrainingWorkflow
{
    /// <summary>Runs <paramref name="request"/>; <paramref name="progress"/> hears one line per step.</summary>
    public static async Task<TrainingRun> RunAsync(TrainRequest request, AlgoTradingConfiguration configuration, Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var label = LabelSpec.Parse(request.Label);
        var (kind, parameters, ranges) = ResolveModel(request, configuration.Model);
        var factory = ModelKinds.Get(kind);
        var task = label.IsClassification ? ModelTask.BinaryClassification : ModelTask.Regression;

        var inputs = await FeatureWorkflow.PrepareAsync(request.DataFile, request.FeatureSet, configuration, request.Price, cancellationToken: cancellationToken);
        var features = inputs.Set.Compute(inputs.Bars);
        var data = LabeledData.Create(features, label.Compute(inputs.Bars, inputs.Set.Spec.Price));
        progress?.Invoke($"{data.Rows:N0} labelled rows × {features.Columns.Count} features ({data.WarmUpRows} warm-up rows and {data.UnlabeledRows} unlabelled rows dropped)");

        int embargo = request.Embargo ?? label.Horizon;
        var folds = PurgedSplits.Create(request.Validation, data.Set.Features.Time, data.LabelEnd, request.Folds, embargo);
        CrossValidationResult Validate(IReadOnlyDictionary<string, string> p) =>
            CrossValidation.Run(() => factory.Create(task, p, label.Definition), data, folds, task);
        string scoreName = task == ModelTask.BinaryClassification ? "auc" : "ic";

        IReadOnlyList<SearchTrial> trials = [];
        if (request.Search > 0)
        {
            if (ranges.Count == 0) throw new ArgumentException($"--search {request.Search}: model_config.yaml has no search ranges under models.{request.Model}.search");
            trials = HyperparameterSearch.Run(parameters, ranges, request.Search, request.Seed ?? 42, p => Validate(p).Overall[scoreName],
                t => progress?.Invoke($"search trial {t}/{request.Search}"));
            parameters = new Dictionary<string, string>(trials[0].Parameters);
        }
        var validation = Validate(parameters);
        progress?.Invoke($"out-of-sample {scoreName} {validation.Overall[scoreName]:F4} over {validation.Predictions.Length:N0} rows in {folds.Count} folds");

        using var model = factory.Create(task, parameters, label.Definition);
        model.Fit(data.Set);

        var time = data.Set.Features.Time;
        var record = new StoredModel
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{kind}-{inputs.Bars.Instrument}-{DateTime.UtcNow:yyyyMMdd'T'HHmmss}-{Guid.NewGuid().ToString("N")[..6]}"),
            Kind = kind, Task = task, Market = MarketOf(inputs.Bars.Instrument, configuration.Market), Instrument = configuration.Market.FindInstrument(inputs.Bars.Instrument) ?? inputs.Bars.Instrument,
            Hyperparameters = model.Metadata.Hyperparameters, FeatureSet = inputs.Set.Name, Price = inputs.Set.Spec.Price.ToString().ToLowerInvariant(),
            FeatureNames = model.Metadata.FeatureNames, LookbackRows = model.Metadata.LookbackRows, Label = label.Definition,
            TrainingRange = [new DateTime(time[0], DateTimeKind.Utc), new DateTime(time[^1], DateTimeKind.Utc)], TrainingRows = data.Rows,
            InputData = new Dictionary<string, string> { [Path.GetFullPath(request.DataFile)] = ModelFiles.Sha256(request.DataFile) },
            Metrics = validation.Overall.ToDictionary(m => "oos_" + m.Key, m => m.Value),
            Validation = string.Create(CultureInfo.InvariantCulture, $"{(request.Validation == SplitKind.PurgedKFold ? "purged-kfold" : "walk-forward")} folds={request.Folds} embargo={embargo}"),
            Folds = validation.Folds.Select(f => (IReadOnlyDictionary<string, double>)new Dictionary<string, double>(f.Metrics)
            {
                ["fold"] = f.Fold, ["train_rows"] = f.TrainRows, ["test_rows"] = f.TestRows, ["purged"] = f.Purged, ["embargoed"] = f.Embargoed,
            }).ToList(),
            LibraryVersions = new Dictionary<string, string> { [kind] = factory.LibraryVersion, ["dotnet"] = Environment.Version.ToString() },
        };
        var saved = new ModelStore(request.OutDirectory).Save(model, record, folder => WriteReports(folder, validation, trials));
        return new TrainingRun(saved, validation, trials, data.WarmUpRows, data.UnlabeledRows);
    }

    /// <summary>The kind, hyperparameters (config, then the request's) and search ranges of <paramref name="request"/>.</summary>
    private static (string Kind, Dictionary<string, string> Parameters, IReadOnlyDictionary<string, List<double>> Ranges) ResolveModel(TrainRequest request, ModelOptions options)
    {
        options.Models.TryGetValue(request.Model, out var spec);
        var kind = spec?.Kind ?? request.Model;
        var parameters = new Dictionary<string, string>(spec?.Params ?? [], StringComparer.Ordinal);
        foreach (var (k, v) in request.Parameters) parameters[k] = v;
        if (request.Seed is { } seed) parameters["seed"] = seed.ToString(CultureInfo.InvariantCulture);
        return (kind, parameters, spec?.Search ?? []);
    }

    private static string MarketOf(string instrument, MarketOptions market) =>
        market.FindInstrument(instrument) is { } symbol ? market.Instruments[symbol].AssetClass switch
        {
            AssetClass.Forex => "forex",
            AssetClass.IndexCfd => "index",
            var other => other.ToString().ToLowerInvariant(),
        } : "unknown";

    private static void WriteReports(string folder, CrossValidationResult validation, IReadOnlyList<SearchTrial> trials)
    {
        var metricNames = validation.Folds[0].Metrics.Keys.ToList();
        var folds = new StringBuilder("fold,train_rows,test_rows,purged,embargoed,test_start_utc,test_end_utc," + string.Join(',', metricNames) + "\n");
        foreach (var f in validation.Folds)
            folds.Append(CultureInfo.InvariantCulture, $"{f.Fold},{f.TrainRows},{f.TestRows},{f.Purged},{f.Embargoed},{f.TestStart:yyyy-MM-dd HH:mm:ss},{f.TestEnd:yyyy-MM-dd HH:mm:ss},")
                .AppendJoin(',', metricNames.Select(m => f.Metrics[m].ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        File.WriteAllText(Path.Combine(folder, "folds.csv"), folds.ToString());

        var oos = new StringBuilder("time_utc,label,prediction,fold\n");
        for (int i = 0; i < validation.Time.Length; i++)
            oos.Append(CultureInfo.InvariantCulture, $"{new DateTime(validation.Time[i], DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss},{validation.Labels[i]:R},{validation.Predictions[i]:R},{validation.FoldOf[i]}\n");
        File.WriteAllText(Path.Combine(folder, "oos_predictions.csv"), oos.ToString());

        if (trials.Count == 0) return;
        var keys = trials.SelectMany(t => t.Parameters.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var search = new StringBuilder("trial,score," + string.Join(',', keys) + "\n");
        foreach (var t in trials)
            search.Append(CultureInfo.InvariantCulture, $"{t.Trial},{t.Score:R},").AppendJoin(',', keys.Select(k => t.Parameters.GetValueOrDefault(k, ""))).Append('\n');
        File.WriteAllText(Path.Combine(folder, "search.csv"), search.ToString());
    }
}
