using AlgoTrading.Features.Sets;

namespace AlgoTrading.Configuration;

/// <summary>Finds a feature set by what a user typed: a YAML file, a set in model_config.yaml, or a built-in name.</summary>
public static class FeatureSetResolver
{
    /// <summary>
    /// Resolves <paramref name="nameOrFile"/>: a path ending in .yaml/.yml is read as one
    /// <see cref="FeatureSetSpec"/>; otherwise model_config's <c>feature_sets</c> are searched, then the built-ins.
    /// </summary>
    /// <exception cref="ArgumentException">Nothing has that name.</exception>
    public static (string Name, FeatureSetSpec Spec) Resolve(string nameOrFile, ModelOptions? model = null)
    {
        if (nameOrFile.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || nameOrFile.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            return (Path.GetFileNameWithoutExtension(nameOrFile), YamlBinder.BindFile<FeatureSetSpec>(nameOrFile));
        if (model is not null && model.FeatureSets.TryGetValue(nameOrFile, out var configured)) return (nameOrFile, configured);
        if (BuiltInFeatureSets.Find(nameOrFile) is { } builtIn) return (nameOrFile, builtIn);
        var known = BuiltInFeatureSets.Names.Concat(model is null ? [] : model.FeatureSets.Keys);
        throw new ArgumentException($"unknown feature set '{nameOrFile}'; known: {string.Join(", ", known)} (or pass a .yaml file)");
    }
}
