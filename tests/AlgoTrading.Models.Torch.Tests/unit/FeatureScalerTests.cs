namespace AlgoTrading.Models.Torch.Tests.Unit;

public sealed class FeatureScalerTests
{
    [Fact]
    public void Standardises_each_column_with_the_population_std_of_the_fitted_rows()
    {
        // Column 0: 1, 2, 3, 6 → mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5. Column 1 is constant.
        float[] rows = [1, 5, 2, 5, 3, 5, 6, 5];
        var scaler = FeatureScaler.Fit(rows, columns: 2);

        Assert.Equal(new float[] { 3, 5 }, scaler.Mean);
        Assert.Equal((float)Math.Sqrt(3.5), scaler.Std[0]);
        Assert.Equal(1f, scaler.Std[1]); // constant column: no division by zero

        var output = new float[4];
        scaler.Transform([6, 5, 3, 7], output);
        Assert.Equal(new[] { 3 / (float)Math.Sqrt(3.5), 0f, 0f, 2f }, output);
    }

    [Fact]
    public void Rows_outside_the_fit_do_not_change_the_scaling()
    {
        var fitted = FeatureScaler.Fit([1, 2, 3, 4], columns: 1);
        Assert.Equal(2.5f, fitted.Mean[0]);
        Assert.Equal((float)Math.Sqrt(1.25), fitted.Std[0]);
    }
}
