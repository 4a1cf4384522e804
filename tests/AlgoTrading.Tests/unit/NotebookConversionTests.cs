using AlgoTrading.Features.Sets;
using AlgoTrading.Notebooks;

namespace AlgoTrading.Tests.Unit;

public class NotebookConversionTests
{
    private static readonly FeatureMatrix Matrix = new(
        [new DateTime(2024, 1, 3, 10, 0, 0, DateTimeKind.Utc).Ticks, new DateTime(2024, 1, 3, 11, 0, 0, DateTimeKind.Utc).Ticks],
        ["rsi_14", "atr_14"], [double.NaN, 55.5, 0.001, 0.002]);

    [Fact]
    public void Data_frame_keeps_time_columns_and_values()
    {
        var df = Matrix.ToDataFrame();
        Assert.Equal(["time_utc", "rsi_14", "atr_14"], df.Columns.Select(c => c.Name));
        Assert.Equal(2, df.Rows.Count);
        Assert.Equal(55.5, (double)df["rsi_14"][1]!);
        Assert.True(double.IsNaN((double)df["rsi_14"][0]!));
        Assert.Equal(new DateTime(2024, 1, 3, 11, 0, 0, DateTimeKind.Utc), (DateTime)df["time_utc"][1]!);
    }

    [Fact]
    public void Deedle_frame_is_keyed_by_time_and_treats_NaN_as_missing()
    {
        var frame = Matrix.ToFrame();
        Assert.Equal(["rsi_14", "atr_14"], frame.ColumnKeys);
        var rsi = frame.GetColumn<double>("rsi_14");
        Assert.Equal(55.5, rsi[new DateTime(2024, 1, 3, 11, 0, 0, DateTimeKind.Utc)]);
        Assert.False(rsi.TryGet(new DateTime(2024, 1, 3, 10, 0, 0, DateTimeKind.Utc)).HasValue);
    }
}
