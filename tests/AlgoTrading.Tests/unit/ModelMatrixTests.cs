using AlgoTrading.Features.Sets;
using AlgoTrading.Models;

namespace AlgoTrading.Tests.Unit;

public class ModelMatrixTests
{
    private static readonly long[] Hours = Enumerable.Range(0, 4).Select(i => Utc(2024, 1, 3, i).Ticks).ToArray();

    [Fact]
    public void Column_major_doubles_become_row_major_floats_without_the_warm_up()
    {
        // a: defined from row 1, b: from row 2 -> the first complete row is row 2
        double[] columnMajor = [double.NaN, 1, 2, 3, /* b */ double.NaN, double.NaN, 20, 30];
        var m = ModelMatrix.FromFeatures(new FeatureMatrix(Hours, ["a", "b"], columnMajor));
        Assert.Equal(2, m.WarmUpRowsDropped);
        Assert.Equal(2, m.Rows);
        Assert.Equal([2f, 20f, 3f, 30f], m.Values);
        Assert.Equal(Hours[2..], m.Time);
        Assert.Equal([3f, 30f], m.Row(1).ToArray());
        Assert.Equal([3f, 30f], m.Select([1]).Values);
    }

    [Fact]
    public void A_gap_after_the_warm_up_is_bad_input_named_by_column_and_time()
    {
        double[] columnMajor = [1, 2, double.PositiveInfinity, 4, 10, 20, 30, 40];
        var e = Assert.Throws<ModelInputException>(() => ModelMatrix.FromFeatures(new FeatureMatrix(Hours, ["a", "b"], columnMajor)));
        Assert.Contains("feature 'a'", e.Message);
        Assert.Contains("2024-01-03 02:00:00", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void A_finite_value_beyond_the_float_range_is_bad_input_not_an_infinite_float()
    {
        double[] columnMajor = [1, 2, 3, 4, 10, 20, -1e39, 40];
        var e = Assert.Throws<ModelInputException>(() => ModelMatrix.FromFeatures(new FeatureMatrix(Hours, ["a", "b"], columnMajor)));
        Assert.StartsWith("feature 'b' is -1E+39 at 2024-01-03 02:00:00 UTC (row 3)", e.Message);
        Assert.Equal([3.4e38f, -3.4e38f], ModelMatrix.FromFeatures(new FeatureMatrix(Hours[..1], ["a", "b"], [3.4e38, -3.4e38])).Values);
    }
}
