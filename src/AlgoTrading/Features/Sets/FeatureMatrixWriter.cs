using System.Globalization;
using System.Text;
using AlgoTrading.Time;
using Parquet;
using Parquet.Schema;

namespace AlgoTrading.Features.Sets;

/// <summary>
/// Writes a <see cref="FeatureMatrix"/> as CSV or Parquet. Both start with <c>time_utc</c> (bar
/// start, UTC) followed by the features in the set's order. CSV times are ISO 8601
/// (<c>2014-05-01T13:00:00Z</c>), values round-trip doubles, and warm-up values (NaN) are empty
/// cells. Parquet stores NaN as NaN in double columns.
/// </summary>
public static class FeatureMatrixWriter
{
    /// <summary>Writes by extension: <c>.parquet</c> or anything else as CSV.</summary>
    public static Task WriteAsync(FeatureMatrix matrix, string path, CancellationToken cancellationToken = default) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? WriteParquetAsync(matrix, path, cancellationToken) : Task.Run(() => WriteCsv(matrix, path), cancellationToken);

    /// <summary>Writes CSV.</summary>
    public static void WriteCsv(FeatureMatrix matrix, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("time_utc");
        foreach (var c in matrix.Columns) { writer.Write(','); writer.Write(c); }
        writer.Write('\n');
        int n = matrix.Rows, k = matrix.Columns.Count;
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < n; i++)
        {
            writer.Write(new DateTime(matrix.Time[i], DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture));
            for (int c = 0; c < k; c++)
            {
                writer.Write(',');
                double v = matrix.Values[c * n + i];
                if (double.IsNaN(v)) continue;
                v.TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture);
                writer.Write(buffer[..written]);
            }
            writer.Write('\n');
        }
    }

    /// <summary>Writes Parquet.</summary>
    public static async Task WriteParquetAsync(FeatureMatrix matrix, string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var time = new DateTimeDataField("time_utc", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros);
        var fields = new List<Field> { time };
        fields.AddRange(matrix.Columns.Select(c => new DataField<double>(c)));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, new ParquetOptions { CompressionMethod = CompressionMethod.None }, cancellationToken: cancellationToken);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<DateTime>(time, UtcTicks.ToDateTimes(matrix.Time).AsMemory(), cancellationToken: cancellationToken);
        for (int c = 0; c < matrix.Columns.Count; c++)
            await group.WriteAsync<double>((DataField)fields[c + 1], matrix.Values.AsMemory(c * matrix.Rows, matrix.Rows), cancellationToken: cancellationToken);
    }
}
