namespace AlgoTrading.Tests.Unit;

/// <summary>
/// Mid prices are the double nearest to the exact decimal midpoint (issue 11, section 1's gap): the
/// expected values below are decimal literals, which the compiler rounds correctly.
/// </summary>
public class MidPriceTests
{
    [Theory]
    [InlineData(0.3, 0.6, 0.45)]                 // (0.3 + 0.6) * 0.5 is 0.44999999999999996
    [InlineData(1.10001, 1.10002, 1.100015)]
    [InlineData(1.1, 1.10003, 1.100015)]         // two grids: the finer one holds both
    [InlineData(12345.67, 12345.68, 12345.675)]
    [InlineData(1.5, 2.5, 2.0)]
    [InlineData(0.0, 0.00001, 0.000005)]
    public void The_mid_is_the_double_nearest_to_the_exact_decimal_midpoint(double bid, double ask, double expected)
    {
        Assert.Equal(expected, OhlcColumns.Mid(bid, ask));
        Assert.Equal(expected, OhlcColumns.Mid(ask, bid));
    }

    [Fact]
    public void The_naive_midpoint_misses_the_first_case_so_the_test_can_fail() => Assert.NotEqual(0.45, (0.3 + 0.6) * 0.5);

    [Fact]
    public void A_price_with_itself_is_that_price_on_a_grid_or_off_it()
    {
        var rng = new Random(3);
        for (int i = 0; i < 10_000; i++)
        {
            double onGrid = Math.Round(rng.NextDouble() * 200, 5), offGrid = rng.NextDouble() * 200;
            Assert.Equal(onGrid, OhlcColumns.Mid(onGrid, onGrid));
            Assert.Equal(offGrid, OhlcColumns.Mid(offGrid, offGrid));
        }
    }

    [Fact]
    public void The_grid_of_an_earlier_pair_does_not_change_a_later_mid()
    {
        // Each call may start from the grid the previous one used; the answer must not depend on it.
        double[][] pairs = [[1.5, 2.5], [0.3, 0.6], [1.10001, 1.10002], [0.3, 0.6], [100, 101], [1.10001, 1.10002]];
        double[] expected = [2.0, 0.45, 1.100015, 0.45, 100.5, 1.100015];
        for (int i = 0; i < pairs.Length; i++) Assert.Equal(expected[i], OhlcColumns.Mid(pairs[i][0], pairs[i][1]));
    }

    [Fact]
    public void Prices_on_no_decimal_grid_and_missing_prices_fall_back_to_the_plain_midpoint()
    {
        Assert.Equal((Math.PI + Math.E) * 0.5, OhlcColumns.Mid(Math.PI, Math.E));
        Assert.True(double.IsNaN(OhlcColumns.Mid(double.NaN, 1.1)));
        Assert.True(double.IsNaN(OhlcColumns.Mid(1.1, double.NaN)));
    }

    [Fact]
    public void Series_ticks_and_bars_use_the_same_mid()
    {
        var b = new BarSeriesBuilder(BarKind.Quote);
        b.AddQuote(Utc(2024, 1, 2).Ticks, 0.3, 0.3, 0.3, 0.3, 0.6, 0.6, 0.6, 0.6);
        var bars = b.Build("X", BarPeriod.M1);
        Assert.Equal(0.45, bars.Prices(PriceSource.Mid).Close[0]);
        Assert.Equal(0.45, bars.QuoteAt(0).Mid.Close);
        Assert.Equal(0.45, new Tick(Utc(2024, 1, 2), 0.3, 0.6).Mid);
    }
}
