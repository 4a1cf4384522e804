using System.Text.Json.Serialization;

namespace AlgoTrading.Models.Store;

/// <summary>
/// The metadata JSON saved beside every model (<c>metadata.json</c>) and indexed under
/// <c>metadata/&lt;id&gt;.json</c>: enough to reproduce the model, to audit it, and to refuse using it
/// on other features. Times are UTC; hashes SHA-256, lower-case hex.
/// </summary>
public sealed record StoredModel
{
    /// <summary>Unique id, e.g. <c>lightgbm-EUR_USD-20240102T030405-1a2b3c</c>.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }
    /// <summary>Folder of the model, absolute, where it is now.</summary>
    [JsonPropertyName("path")] public string Path { get; init; } = "";
    /// <summary>staging, production or archive.</summary>
    [JsonPropertyName("stage")] public string Stage { get; init; } = "staging";
    /// <summary>Production version (1, 2, …) once promoted; 0 before.</summary>
    [JsonPropertyName("version")] public int Version { get; init; }
    /// <summary>Model kind (lightgbm, xgboost, lstm, …).</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    /// <summary>BinaryClassification or Regression.</summary>
    [JsonPropertyName("task")] public required ModelTask Task { get; init; }
    /// <summary>forex or index.</summary>
    [JsonPropertyName("market")] public required string Market { get; init; }
    /// <summary>Instrument, e.g. EUR_USD.</summary>
    [JsonPropertyName("instrument")] public required string Instrument { get; init; }
    /// <summary>Hyperparameters, every value as trained (defaults included).</summary>
    [JsonPropertyName("hyperparameters")] public required IReadOnlyDictionary<string, string> Hyperparameters { get; init; }
    /// <summary>The feature set's name.</summary>
    [JsonPropertyName("feature_set")] public required string FeatureSet { get; init; }
    /// <summary>Price source of the features (bid, ask, mid, trade).</summary>
    [JsonPropertyName("price")] public required string Price { get; init; }
    /// <summary>Feature names in the column order the model reads.</summary>
    [JsonPropertyName("feature_names")] public required IReadOnlyList<string> FeatureNames { get; init; }
    /// <summary>Rows one prediction reads (1 for trees).</summary>
    [JsonPropertyName("lookback_rows")] public int LookbackRows { get; init; } = 1;
    /// <summary>Label definition, e.g. <c>direction:horizon=12,threshold=0.0005</c>.</summary>
    [JsonPropertyName("label")] public required string Label { get; init; }
    /// <summary>First and last bar start trained on.</summary>
    [JsonPropertyName("training_range")] public required DateTime[] TrainingRange { get; init; }
    /// <summary>Rows trained on.</summary>
    [JsonPropertyName("training_rows")] public int TrainingRows { get; init; }
    /// <summary>Input data files with their SHA-256.</summary>
    [JsonPropertyName("input_data")] public IReadOnlyDictionary<string, string> InputData { get; init; } = new Dictionary<string, string>();
    /// <summary>Out-of-sample scores of all folds together, prefixed <c>oos_</c> (e.g. <c>oos_auc</c>).</summary>
    [JsonPropertyName("metrics")] public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Validation scheme, e.g. <c>purged-kfold folds=5 embargo=12</c>.</summary>
    [JsonPropertyName("validation")] public string Validation { get; init; } = "";
    /// <summary>Scores per fold.</summary>
    [JsonPropertyName("folds")] public IReadOnlyList<IReadOnlyDictionary<string, double>> Folds { get; init; } = [];
    /// <summary>Native library and package versions.</summary>
    [JsonPropertyName("library_versions")] public IReadOnlyDictionary<string, string> LibraryVersions { get; init; } = new Dictionary<string, string>();
    /// <summary>Version of the AlgoTrading code that trained it.</summary>
    [JsonPropertyName("code_version")] public string CodeVersion { get; init; } = "";
    /// <summary>When it was saved, UTC.</summary>
    [JsonPropertyName("created_utc")] public DateTime CreatedUtc { get; init; }
    /// <summary>The model's own files with their SHA-256, checked on load.</summary>
    [JsonPropertyName("files")] public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    /// <summary>The model-layer view of this record.</summary>
    public ModelMetadata ToModelMetadata() => new(Kind, Task, Hyperparameters, FeatureNames, Label, LookbackRows);
}
