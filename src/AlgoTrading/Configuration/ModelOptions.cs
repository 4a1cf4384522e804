namespace AlgoTrading.Configuration;

/// <summary>
/// <c>config/model_config.yaml</c>: feature sets and model hyperparameters. Their typed schemas
/// arrive with the features and models layers; until then each entry is kept as free-form YAML
/// (maps, lists, scalars) so a file written ahead of them still loads.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>Feature sets by name.</summary>
    public Dictionary<string, object> FeatureSets { get; init; } = [];
    /// <summary>Model hyperparameters by model name.</summary>
    public Dictionary<string, object> Models { get; init; } = [];
}
