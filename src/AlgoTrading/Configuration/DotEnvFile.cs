using AlgoTrading.Domain;

namespace AlgoTrading.Configuration;

/// <summary>
/// Reads a <c>.env</c> file once: <c>KEY=value</c> lines, <c>#</c> comments, optional
/// <c>export</c> prefix, single or double quotes around the value. Values are held as
/// <see cref="Secret"/>s and never logged; process environment variables of the same name win, so
/// CI and containers can inject secrets without a file. Errors name the line but never its value.
/// </summary>
public sealed class DotEnvFile
{
    private readonly Dictionary<string, Secret> _values;

    private DotEnvFile(Dictionary<string, Secret> values, string? path) => (_values, Path) = (values, path);

    /// <summary>The file read, or null when there was none.</summary>
    public string? Path { get; }

    /// <summary>Reads <paramref name="path"/>; a missing file gives an empty set (environment variables still apply).</summary>
    /// <exception cref="ConfigurationException">A line is not <c>KEY=value</c>.</exception>
    public static DotEnvFile Load(string path)
    {
        var values = new Dictionary<string, Secret>(StringComparer.Ordinal);
        if (!File.Exists(path)) return new DotEnvFile(values, null);
        int lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            int eq = line.IndexOf('=');
            var key = eq > 0 ? line[..eq].Trim() : "";
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ConfigurationException(path, lineNo, 1, key, "expected KEY=value (the value is not shown)");
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0]) value = value[1..^1];
            values[key] = new Secret(value);
        }
        return new DotEnvFile(values, path);
    }

    /// <summary>The secret named <paramref name="key"/>: the environment variable if set, else the file's value, else null.</summary>
    public Secret? Get(string key)
    {
        var env = Environment.GetEnvironmentVariable(key);
        if (!string.IsNullOrEmpty(env)) return new Secret(env);
        return _values.TryGetValue(key, out var secret) ? secret : null;
    }

    /// <summary>The secret named <paramref name="key"/>, or an error naming the key (never a value) when it is missing.</summary>
    public Secret Require(string key) => Get(key) ?? throw new ConfigurationException(Path ?? ".env", 0, 0, key,
        "is not set; add it to .env (see .env.example) or to the environment");

    /// <summary>The names defined in the file (not their values).</summary>
    public IReadOnlyCollection<string> Keys => _values.Keys;
}
