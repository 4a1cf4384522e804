using AlgoTrading.Features.Sets;
using AlgoTrading.Time;
using Deedle;
using Microsoft.Data.Analysis;

namespace AlgoTrading.Notebooks;

/// <summary>
/// Turns a <see cref="FeatureMatrix"/> into the data frames notebooks use. Both keep the row order
/// and the column names; the first column / the row key is <c>time_utc</c> (bar start, UTC);
/// warm-up values stay NaN (Microsoft.Data.Analysis) or become missing (Deedle).
/// </summary>
public static class FeatureMatrixConversions
{
    /// <summary>A Microsoft.Data.Analysis <see cref="DataFrame"/> with a <c>time_utc</c> column then one double column per feature.</summary>
    public static DataFrame ToDataFrame(this FeatureMatrix matrix)
    {
        var columns = new List<DataFrameColumn>
        {
            new PrimitiveDataFrameColumn<DateTime>("time_utc", UtcTicks.ToDateTimes(matrix.Time)),
        };
        for (int c = 0; c < matrix.Columns.Count; c++)
            columns.Add(new DoubleDataFrameColumn(matrix.Columns[c], matrix.Column(c).ToArray()));
        return new DataFrame(columns);
    }

    /// <summary>A Deedle frame keyed by bar start (UTC) with one double series per feature; NaN is missing.</summary>
    public static Frame<DateTime, string> ToFrame(this FeatureMatrix matrix)
    {
        var keys = UtcTicks.ToDateTimes(matrix.Time);
        var series = new List<KeyValuePair<string, Series<DateTime, double>>>();
        for (int c = 0; c < matrix.Columns.Count; c++)
            series.Add(KeyValuePair.Create(matrix.Columns[c], new Series<DateTime, double>(keys, matrix.Column(c).ToArray())));
        return Frame.FromColumns(series);
    }
}
