namespace AlgoTrading.Models;

/// <summary>
/// One entry under <c>models:</c> in <c>config/model_config.yaml</c>: the kind it trains, fixed
/// hyperparameters, and ranges a random search draws from.
/// </summary>
/// <example>
/// <code>
/// models:
///   lightgbm:               # used by --model lightgbm
///     params: { trees: 300, learning_rate: 0.05 }
///     search: { learning_rate: [0.01, 0.2], num_leaves: [8, 64] }
/// </code>
/// </example>
public sealed class ModelSpec
{
    /// <summary>Model kind; defaults to the entry's name.</summary>
    public string? Kind { get; init; }
    /// <summary>Hyperparameters by the kind's names (values as written).</summary>
    public Dictionary<string, string> Params { get; init; } = [];
    /// <summary>
    /// Search ranges: [min, max] drawn uniformly (whole numbers when both ends are whole), or, with
    /// more than two values, one of the listed values.
    /// </summary>
    public Dictionary<string, List<double>> Search { get; init; } = [];
}
