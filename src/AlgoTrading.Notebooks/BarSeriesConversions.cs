using AlgoTrading.Domain;
using Deedle;
using Microsoft.Data.Analysis;

namespace AlgoTrading.Notebooks;

/// <summary>
/// Turns a <see cref="BarSeries"/> into the data frames notebooks use, one row per bar in order:
/// <c>time_utc</c> (bar start, UTC) then <c>bid_open</c> … <c>ask_close</c> for quote bars or
/// <c>open</c> … <c>close</c> for trade bars, and <c>volume</c> when the series has it.
/// </summary>
public static class BarSeriesConversions
{
    /// <summary>A Microsoft.Data.Analysis <see cref="DataFrame"/> with a <c>time_utc</c> column then one double column per price field.</summary>
    public static DataFrame ToDataFrame(this BarSeries series)
    {
        var columns = new List<DataFrameColumn> { new PrimitiveDataFrameColumn<DateTime>("time_utc", Times(series)) };
        foreach (var (name, values) in Columns(series))
            columns.Add(new DoubleDataFrameColumn(name, values));
        return new DataFrame(columns);
    }

    /// <summary>A Deedle frame keyed by bar start (UTC) with one double series per price field.</summary>
    public static Frame<DateTime, string> ToFrame(this BarSeries series)
    {
        var keys = Times(series);
        return Frame.FromColumns(Columns(series).Select(c => KeyValuePair.Create(c.Name, new Series<DateTime, double>(keys, c.Values))));
    }

    private static DateTime[] Times(BarSeries series)
    {
        var times = new DateTime[series.Count];
        for (int i = 0; i < times.Length; i++) times[i] = series.TimeAt(i);
        return times;
    }

    private static IEnumerable<(string Name, double[] Values)> Columns(BarSeries series)
    {
        foreach (var (prefix, prices) in new[] { ("bid_", series.Bid), ("ask_", series.Ask), ("", series.Trade) })
        {
            if (prices is null) continue;
            yield return ($"{prefix}open", prices.Open.ToArray());
            yield return ($"{prefix}high", prices.High.ToArray());
            yield return ($"{prefix}low", prices.Low.ToArray());
            yield return ($"{prefix}close", prices.Close.ToArray());
        }
        if (!series.Volume.IsEmpty) yield return ("volume", series.Volume.ToArray());
    }
}
