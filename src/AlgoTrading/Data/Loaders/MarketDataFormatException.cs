namespace AlgoTrading.Data.Loaders;

/// <summary>
/// A file could not be read as market data. The message names the file, the 1-based line and,
/// where one is at fault, the field, so the user can open the file at the right place.
/// </summary>
public sealed class MarketDataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MarketDataFormatException(string file, int line, string? field, string problem)
        : base($"{file}:{line}{(field is null ? "" : $": field '{field}'")}: {problem}")
    {
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>The file's path as given.</summary>
    public string File { get; }
    /// <summary>1-based line number (0 when the problem concerns the whole file).</summary>
    public int Line { get; }
    /// <summary>The field at fault, if any.</summary>
    public string? Field { get; }
}
