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
        for (int k = 0; k < 10; k++) exact += values[4096 - 10 + (k + 4) % 10]; // the ring's slot order: slot 0 holds push 4090
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
}
