using AlgoTrading.Features.Sets;

namespace AlgoTrading.Strategies;

/// <summary>
/// Finds a feature set by what a user or a stored model names (a built-in, a model_config set or a .yaml file).
/// Strategies take it as a parameter because reading YAML belongs to the configuration edge, which no layer uses.
/// </summary>
/// <exception cref="ArgumentException">Nothing has that name.</exception>
public delegate (string Name, FeatureSetSpec Spec) FeatureSetLookup(string nameOrFile);
