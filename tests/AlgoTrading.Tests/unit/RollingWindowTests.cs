namespace AlgoTrading.Tests.Unit;

/// <summary>The O(1) window sums behind SMA, Bollinger Bands, CCI and the rolling feature columns.</summary>
public class RollingWindowTests
{
    [Fact]
    public void Rolling_sum_fills_then_rolls()
    {
        var sum = new RollingSum(3);
        var seen = new List<(double, bool)>();
        foreach (double x in new[] { 1.0, 2, 4, 8, 16 })
        {
            sum.Push(x);
            seen.Add((sum.Sum, sum.IsFull));
        }
        // 1; 1+2; 1+2+4; 2+4+8; 4+8+16
        Assert.Equal([(1, false), (3, false), (7, true), (14, true), (28, true)], seen);
        Assert.Equal((16.0, 8.0, 4.0), (sum.Ago(0), sum.Ago(1), sum.Ago(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => sum.Ago(3));
    }

    [Fact]
    public void A_cleared_window_behaves_like_a_new_one()
    {
        // The slot being overwritten is read as the value leaving the window; after Clear it must read 0 again.
        var used = new RollingSum(4);
        foreach (double x in new[] { 5.0, 6, 7, 8, 9, 10 }) used.Push(x);
        used.Clear();
        var fresh = new RollingSum(4);
        foreach (double x in new[] { 0.25, 0.5, 1.0 })
        {
            used.Push(x);
            fresh.Push(x);
            Assert.Equal((fresh.Sum, fresh.Count, fresh.IsFull), (used.Sum, used.Count, used.IsFull));
        }
        Assert.Equal(1.75, used.Sum);
    }

    [Fact]
    public void The_running_sum_is_recomputed_from_the_window_every_4096_pushes()
    {
        // 0.1 is not exact in binary, so a running sum over many pushes drifts from the window's own sum;
        // after the 4,096th push it must equal the window summed afresh, bit for bit.
        var sum = new RollingSum(10);
        var values = Enumerable.Range(0, 4096).Select(i => 0.1 * (i % 7 + 1)).ToArray();
        foreach (double x in values) sum.Push(x);
        double exact = 0;
        for (int k = 4096 - 10; k < 4096; k++) exact += values[k]; // oldest to newest
        Assert.Equal(exact, sum.Sum);
        Assert.Equal(values[^10..].Sum(), sum.Sum, 12);
    }

    [Fact]
    public void Rolling_variance_is_the_population_variance_of_the_window()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population variance 4 (worked by hand: squared deviations sum to 32, over 8).
        var v = new RollingVariance(8);
        foreach (double x in new[] { 100.0, 2, 4, 4, 4, 5, 5, 7, 9 }) v.Push(x); // 100 has left the window
        Assert.Equal((40.0, 232.0), (v.Sum, v.SumSquares));
        Assert.Equal(4.0, v.PopulationVariance, 12);
        Assert.Equal(9.0, v.Ago(0));
        v.Clear();
        v.Push(3);
        Assert.Equal((1, 3.0, 0.0), (v.Count, v.Sum, v.PopulationVariance));
    }

    /// <summary>Prices with <paramref name="decimals"/> decimals: a random walk of <paramref name="n"/> bars from 1.1.</summary>
    private static double[] GridWalk(int n, int seed, int decimals = 4)
    {
        var rng = new Random(seed);
        var x = new double[n];
        double scale = Math.Pow(10, decimals);
        long ticks = (long)(1.1 * scale);
        for (int i = 0; i < n; i++) { ticks += rng.Next(-7, 8); x[i] = ticks / scale; }
        return x;
    }

    [Fact]
    public void Two_averages_that_are_equal_as_decimals_stay_exactly_equal_for_many_bars()
    {
        // 5,000 random bars (so the sums have a long history), then a 12-bar pattern repeated for
        // 5,000 bars: from the moment the 48-bar window lies inside the pattern, SMA(12) and SMA(48)
        // are both the pattern's mean, exactly as decimals, on every bar. A running double sum that
        // carries its history's rounding makes them differ in the last bits.
        int[] pattern = [11003, 11007, 10998, 11012, 11001, 10995, 11009, 11004, 10990, 11011, 11006, 10999];
        var history = GridWalk(5_000, 11);
        var prices = history.Concat(Enumerable.Range(0, 5_000).Select(i => pattern[i % 12] / 10_000.0)).ToArray();
        var (fast, slow) = (new SimpleMovingAverage(12), new SimpleMovingAverage(48));
        var cross = new CrossoverSignal(12, 48);
        int ties = 0;
        for (int i = 0; i < prices.Length; i++)
        {
            double f = fast.Next(prices[i]), s = slow.Next(prices[i]);
            int? signal = cross.Update(new BarInput(0, 0, 0, 0, prices[i], 0));
            if (i < 5_000 + 47) continue;
            Assert.True(f == s, $"bar {i}: SMA(12) {f:R} and SMA(48) {s:R} differ although both windows hold whole patterns");
            Assert.Null(signal); // a touch is not a cross
            ties++;
        }
        Assert.Equal(5_000 - 47, ties);
        // And the shared value is the pattern's decimal mean, correctly rounded.
        decimal mean = pattern.Sum(t => (decimal)t) / 12 / 10_000;
        Assert.Equal(double.Parse(mean.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture), fast.Next(pattern[5_000 % 12] / 10_000.0)); // the pattern's next value
    }

    [Fact]
    public void An_exact_sum_does_not_depend_on_the_history_before_the_window()
    {
        // The same last ten values (4 decimals) after 100,000 bars of a 5-decimal walk and after nothing at all:
        // the sum and mean are the same doubles, the ones nearest to the exact decimal sum and mean.
        var window = GridWalk(10, 5);
        var used = new RollingSum(10);
        foreach (double x in GridWalk(100_000, 6, decimals: 5)) used.Push(x);
        var fresh = new RollingSum(10);
        foreach (double x in window) { used.Push(x); fresh.Push(x); }
        Assert.True(used.IsExact && fresh.IsExact);
        Assert.Equal(fresh.Sum, used.Sum);
        Assert.Equal(fresh.Mean, used.Mean);
        decimal sum = window.Sum(x => decimal.Parse(x.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((double)sum, fresh.Sum);
        Assert.Equal((5, 4), (used.Precision, fresh.Precision));
    }

    [Fact]
    public void The_grid_is_the_fewest_decimals_that_hold_every_value()
    {
        var sum = new RollingSum(3);
        sum.Push(2);
        Assert.Equal((true, 0), (sum.IsExact, sum.Precision));
        sum.Push(1.5);
        sum.Push(1.25);
        Assert.Equal((true, 2), (sum.IsExact, sum.Precision));
        sum.Push(1.125); // 2 leaves; 1.5 + 1.25 + 1.125
        Assert.Equal((true, 3, 3.875, 3.875 / 3), (sum.IsExact, sum.Precision, sum.Sum, sum.Mean));
    }

    [Fact]
    public void Values_on_no_grid_run_a_sum_that_returns_to_exact_once_they_have_left()
    {
        // 0.1 + 0.2 is 0.30000000000000004: on no decimal grid whose integers a double sums exactly.
        var sum = new RollingSum(4);
        foreach (double x in new[] { 0.5, 0.25, 0.1 + 0.2 }) sum.Push(x);
        Assert.False(sum.IsExact);
        Assert.Equal(0.5 + 0.25 + (0.1 + 0.2), sum.Sum);
        for (int i = 0; i < 4096; i++) sum.Push(0.75);
        // The recomputation every 4,096 pushes finds only 0.75s in the window: exact again.
        Assert.True(sum.IsExact);
        Assert.Equal(3.0, sum.Sum);
        var withNaN = new RollingSum(2);
        withNaN.Push(double.NaN);
        Assert.False(withNaN.IsExact);
    }
}
