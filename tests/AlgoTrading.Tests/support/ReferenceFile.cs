using System.Globalization;

namespace AlgoTrading.Tests.Support;

/// <summary>A file of ../shared/data/reference/indicators: named columns of numbers (empty or NaN cells read as NaN).</summary>
public sealed class ReferenceFile
{
    private readonly Dictionary<string, double[]> _columns = new(StringComparer.OrdinalIgnoreCase);

    public ReferenceFile(string name)
    {
        var lines = File.ReadAllLines(SharedData.Path(Path.Combine("reference", "indicators", name)));
        var header = lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim()).ToArray();
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        Rows = rows.Length;
        for (int c = 1; c < header.Length; c++)
            _columns[header[c]] = rows.Select(r => c < r.Length && double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
    }

    public int Rows { get; }
    public double[] this[string column] => _columns.TryGetValue(column, out var v) ? v : throw new KeyNotFoundException($"no column '{column}' (have {string.Join(", ", _columns.Keys)})");
    public double[] Volume => this["Volume"];

    /// <summary>The file's prices as indicator input (time is the row index, in ticks).</summary>
    public AlgoTrading.Features.Indicators.BarColumns Bars() => new(
        Enumerable.Range(0, Rows).Select(i => (long)i).ToArray(), this["Open"], this["High"], this["Low"], this["Close"],
        _columns.TryGetValue("Volume", out var v) ? v : new double[Rows]);
}
