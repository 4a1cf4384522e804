namespace AlgoTrading.Configuration;

/// <summary>
/// A configuration file is wrong. The message reads
/// <c>config/market_config.yaml:12:5: instruments.EUR_USD.pip_location: expected an integer, got 'four'</c>:
/// file, line and column, the key path, and what was expected.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigurationException(string file, long line, long column, string keyPath, string problem)
        : base($"{file}{(line > 0 ? $":{line}:{column}" : "")}: {(keyPath.Length == 0 ? "(root)" : keyPath)}: {problem}")
    {
        File = file;
        Line = line;
        KeyPath = keyPath;
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }
    /// <summary>1-based line, or 0 when the problem is a missing key.</summary>
    public long Line { get; }
    /// <summary>Dotted path of the key, e.g. <c>instruments.EUR_USD.pip_location</c>.</summary>
    public string KeyPath { get; }
}
