using AlgoTrading.Data;

namespace AlgoTrading.Configuration;

/// <summary>
/// The three configuration files of a project folder, loaded and validated together:
/// <c>config/system_config.yaml</c>, <c>config/market_config.yaml</c>, <c>config/model_config.yaml</c>.
/// A missing file uses the defaults of its options class (the library ships the repository's files
/// as the reference); a present file must be valid in full.
/// </summary>
public sealed class AlgoTradingConfiguration
{
    /// <summary>System settings.</summary>
    public required SystemOptions System { get; init; }
    /// <summary>Sessions and instruments.</summary>
    public required MarketOptions Market { get; init; }
    /// <summary>Feature sets and models.</summary>
    public required ModelOptions Model { get; init; }
    /// <summary>The folder the files were read from.</summary>
    public required string Directory { get; init; }

    /// <summary>Loads the files in <paramref name="configDirectory"/>.</summary>
    /// <exception cref="ConfigurationException">A file is invalid.</exception>
    public static AlgoTradingConfiguration Load(string configDirectory) => new()
    {
        Directory = configDirectory,
        System = LoadOrDefault<SystemOptions>(configDirectory, "system_config.yaml"),
        Market = LoadOrDefault<MarketOptions>(configDirectory, "market_config.yaml"),
        Model = LoadOrDefault<ModelOptions>(configDirectory, "model_config.yaml"),
    };

    private static T LoadOrDefault<T>(string directory, string file) where T : class, new()
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? YamlBinder.BindFile<T>(path) : new T();
    }
}
