namespace AlgoTrading.Configuration;

/// <summary>
/// <c>config/model_config.yaml</c>: feature sets (typed, see <see cref="Features.Sets.FeatureSetSpec"/>)
/// and models (hyperparameters and search ranges, see <see cref="Models.ModelSpec"/>).
/// </summary>
public sealed class ModelOptions
{
    /// <summary>Feature sets by name.</summary>
    public Dictionary<string, Features.Sets.FeatureSetSpec> FeatureSets { get; init; } = [];
    /// <summary>Models by name (the name is the kind unless the entry says otherwise).</summary>
    public Dictionary<string, Models.ModelSpec> Models { get; init; } = [];
}
