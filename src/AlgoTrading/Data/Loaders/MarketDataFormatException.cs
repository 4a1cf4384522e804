namespace AlgoTrading.Data.Loaders;

/// <summary>
/// A file could not be read as market data. The message is one line,
/// <c>file:line: field: problem</c> (the line left out when the problem concerns the whole file, the
/// field when none is at fault), so the user can open the file at the right place.
/// </summary>
public sealed class MarketDataFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MarketDataFormatException(string file, int line, string? field, string problem)
        : base($"{file}{(line > 0 ? $":{line}" : "")}{(field is null ? "" : $": {field}")}: {problem}")
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
