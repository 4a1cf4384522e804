namespace AlgoTrading.Data.Processors;

/// <summary>
/// What validation found: for every issue the source lines of the affected rows (1-based file
/// lines, or 0-based row indices when the data did not come from a file), and what was done.
/// A row with several issues is listed under each of them.
/// </summary>
public sealed class ValidationReport
{
    private readonly Dictionary<ValidationIssue, List<int>> _rows = [];

    /// <summary>The data's source, for messages.</summary>
    public required string Source { get; init; }
    /// <summary>Rows read.</summary>
    public int RowsIn { get; internal set; }
    /// <summary>Rows in the cleaned series.</summary>
    public int RowsOut { get; internal set; }
    /// <summary>Rows changed by a repair.</summary>
    public int Repaired { get; internal set; }
    /// <summary>Rows left out.</summary>
    public int Dropped { get; internal set; }
    /// <summary>True when positions are file lines; false when they are row indices.</summary>
    public bool PositionsAreLines { get; internal set; }

    /// <summary>Affected rows per issue.</summary>
    public IReadOnlyDictionary<ValidationIssue, List<int>> Rows => _rows;

    /// <summary>Number of rows per issue, only issues that occurred, in enum order.</summary>
    public IReadOnlyDictionary<string, int> CountsByReason =>
        _rows.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.SnakeCase(), kv => kv.Value.Count);

    /// <summary>True when no issue was found.</summary>
    public bool IsClean => _rows.Count == 0;

    internal void Add(ValidationIssue issue, int position)
    {
        if (!_rows.TryGetValue(issue, out var list)) _rows[issue] = list = [];
        list.Add(position);
    }

    /// <summary>One line per issue: <c>crossed_quote: 12 rows (lines 5, 9, 31, …)</c>.</summary>
    public override string ToString()
    {
        if (IsClean) return $"{Source}: {RowsIn} rows, no issues";
        var where = PositionsAreLines ? "lines" : "rows";
        var parts = _rows.OrderBy(kv => kv.Key).Select(kv =>
            $"{kv.Key.SnakeCase()}: {kv.Value.Count} ({where} {string.Join(", ", kv.Value.Take(5))}{(kv.Value.Count > 5 ? ", …" : "")})");
        return $"{Source}: {RowsIn} rows in, {RowsOut} out, {Repaired} repaired, {Dropped} dropped; " + string.Join("; ", parts);
    }
}
