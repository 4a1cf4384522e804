using System.Globalization;
using AlgoTrading.Features.Sets;

namespace AlgoTrading.Models;

/// <summary>
/// Features as models take them: row-major 32-bit floats (one row per bar, columns in a fixed,
/// named order), the layout the native libraries (LightGBM, XGBoost, libtorch) read without a copy.
/// <see cref="Time"/> holds each row's bar-start time, UTC ticks.
/// </summary>
public sealed class ModelMatrix
{
    /// <summary>Wraps <paramref name="values"/> (time.Length rows × columns.Count, row-major).</summary>
    public ModelMatrix(float[] values, long[] time, IReadOnlyList<string> columns, int warmUpRowsDropped = 0)
    {
        if (values.Length != (long)time.Length * columns.Count)
            throw new ArgumentException($"values must hold {time.Length} rows × {columns.Count} columns, not {values.Length} floats");
        Values = values;
        Time = time;
        Columns = columns;
        WarmUpRowsDropped = warmUpRowsDropped;
    }

    /// <summary>All values, row-major.</summary>
    public float[] Values { get; }
    /// <summary>Bar-start time of each row, UTC ticks.</summary>
    public long[] Time { get; }
    /// <summary>Feature names in column order.</summary>
    public IReadOnlyList<string> Columns { get; }
    /// <summary>Number of rows.</summary>
    public int Rows => Time.Length;
    /// <summary>Number of columns.</summary>
    public int ColumnCount => Columns.Count;
    /// <summary>How many leading rows of the source were left out because a feature was still warming up (NaN).</summary>
    public int WarmUpRowsDropped { get; }

    /// <summary>Row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * ColumnCount, ColumnCount);

    /// <summary>The rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1, copied.</summary>
    public ModelMatrix Slice(int start, int count) =>
        new(Values.AsSpan(start * ColumnCount, count * ColumnCount).ToArray(), Time.AsSpan(start, count).ToArray(), Columns);

    /// <summary>The rows at <paramref name="rows"/>, in that order, copied.</summary>
    public ModelMatrix Select(ReadOnlySpan<int> rows)
    {
        var values = new float[rows.Length * ColumnCount];
        var time = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * ColumnCount, ColumnCount));
            time[i] = Time[rows[i]];
        }
        return new(values, time, Columns);
    }

    /// <summary>
    /// Converts the features layer's column-major doubles once. Leading rows in which any feature is
    /// still NaN (indicator warm-up) are dropped and counted in <see cref="WarmUpRowsDropped"/>; a
    /// non-finite value after the first complete row (or one a float cannot hold) is bad input and throws, naming the column and
    /// the bar, because a model must never silently train or trade on it.
    /// </summary>
    /// <exception cref="ModelInputException">A NaN or infinite feature after the warm-up, a value beyond the float range, or no complete row.</exception>
    public static ModelMatrix FromFeatures(FeatureMatrix features)
    {
        int rows = features.Rows, columns = features.Columns.Count;
        int first = 0;
        for (; first < rows; first++)
        {
            bool complete = true;
            for (int c = 0; c < columns && complete; c++) complete = double.IsFinite(features[first, c]);
            if (complete) break;
        }
        if (first == rows) throw new ModelInputException($"no bar has every feature defined ({rows} bars, {columns} columns): the warm-up is longer than the data");

        int kept = rows - first;
        var values = new float[kept * columns];
        for (int c = 0; c < columns; c++)
        {
            var column = features.Column(c);
            for (int r = first; r < rows; r++)
            {
                double v = column[r];
                if (!double.IsFinite(v))
                    throw new ModelInputException($"feature '{features.Columns[c]}' is {v.ToString(CultureInfo.InvariantCulture)} at {new DateTime(features.Time[r], DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss} UTC (row {r + 1}), after the warm-up");
                float f = (float)v;
                // A finite double beyond ±3.4e38 becomes an infinite float: as bad as an infinite input.
                if (!float.IsFinite(f))
                    throw new ModelInputException($"feature '{features.Columns[c]}' is {v.ToString(CultureInfo.InvariantCulture)} at {new DateTime(features.Time[r], DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss} UTC (row {r + 1}), beyond the range of a 32-bit float");
                values[(r - first) * columns + c] = f;
            }
        }
        return new(values, features.Time.AsSpan(first).ToArray(), features.Columns.ToArray(), first);
    }
}
