namespace AlgoTrading.Configuration;

/// <summary>
/// <c>config/model_config.yaml</c>: feature sets (typed, see <see cref="Features.Sets.FeatureSetSpec"/>)
/// and model hyperparameters. The models layer will type its entries; until then each model entry
/// is kept as free-form YAML (maps, lists, scalars) so a file written ahead of it still loads.
/// </summary>
public sealed class ModelOptions
{
    /// <summary>Feature sets by name.</summary>
    public Dictionary<string, Features.Sets.FeatureSetSpec> FeatureSets { get; init; } = [];
    /// <summary>Model hyperparameters by model name.</summary>
    public Dictionary<string, object> Models { get; init; } = [];
}
