namespace AlgoTrading.Features.Sets;

/// <summary>
/// Features by bar: one row per bar (bar-start time, UTC ticks) and one column per feature, stored
/// column-major in one contiguous array so a column is a span. NaN marks a value not yet defined
/// (warm-up).
/// </summary>
public sealed class FeatureMatrix
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Wraps <paramref name="values"/> (columns.Count × time.Length, column-major).</summary>
    public FeatureMatrix(long[] time, IReadOnlyList<string> columns, double[] values)
    {
        if (values.Length != time.Length * columns.Count) throw new ArgumentException("values must hold rows × columns doubles");
        Time = time;
        Columns = columns;
        Values = values;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Count; c++)
            if (!_index.TryAdd(columns[c], c)) throw new ArgumentException($"column '{columns[c]}' appears twice");
    }

    /// <summary>Bar-start times, UTC ticks.</summary>
    public long[] Time { get; }
    /// <summary>Column names in order.</summary>
    public IReadOnlyList<string> Columns { get; }
    /// <summary>All values, column-major.</summary>
    public double[] Values { get; }
    /// <summary>Number of rows (bars).</summary>
    public int Rows => Time.Length;

    /// <summary>Column <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> Column(int index) => Values.AsSpan(index * Rows, Rows);

    /// <summary>The column named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public ReadOnlySpan<double> Column(string name) => Column(IndexOf(name));

    /// <summary>The index of <paramref name="name"/>.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i
        : throw new KeyNotFoundException($"no feature column '{name}' (have {string.Join(", ", Columns)})");

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public double this[int row, int column] => Values[column * Rows + row];
}
