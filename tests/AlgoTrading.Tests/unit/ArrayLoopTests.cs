namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The hot kernels' array loops (the batch face) against their bar-by-bar update (the streaming
/// face): the same outputs bit for bit, and a kernel left by a batch run continues exactly as one
/// that saw every bar singly. Inputs mix prices on a grid with values on none (which switch the
/// exact window sums to running ones and back), and batches are split at awkward places.
/// </summary>
public class ArrayLoopTests
{
    private const int N = 9_000;

    /// <summary>A walk on a 0.00001 grid; bars <paramref name="offGridFrom"/>.. +50 (all bars for 0) are nudged off any grid.</summary>
    private static (double[] High, double[] Low, double[] Close) Prices(int seed, int offGridFrom = -1)
    {
        var rng = new Random(seed);
        var (high, low, close) = (new double[N], new double[N], new double[N]);
        long t = 110_000;
        for (int i = 0; i < N; i++)
        {
            t += rng.Next(-9, 10);
            close[i] = t / 100_000.0;
            if (i >= offGridFrom && (offGridFrom == 0 || i < offGridFrom + 50)) close[i] += 1e-13 * (i % 3 + 1);
            high[i] = (t + rng.Next(0, 12)) / 100_000.0;
            low[i] = (t - rng.Next(0, 12)) / 100_000.0;
        }
        return (high, low, close);
    }

    /// <summary>Batch over [0, split) then [split, N) against streaming over every bar, then both stream on.</summary>
    private static void Agree<TKernel>(Func<TKernel> create, int seed, int offGridFrom, int split) where TKernel : struct, IIndicatorKernel
    {
        var (high, low, close) = Prices(seed, offGridFrom);
        var batchKernel = create();
        int outputs = batchKernel.OutputCount;
        var batch = new double[outputs * N];
        IndicatorBatch.Run(ref batchKernel, new BarColumns(default, default, high[..split], low[..split], close[..split], default), batch, N);
        var rest = new double[outputs * (N - split)];
        IndicatorBatch.Run(ref batchKernel, new BarColumns(default, default, high[split..], low[split..], close[split..], default), rest, N - split);
        for (int k = 0; k < outputs; k++) rest.AsSpan(k * (N - split), N - split).CopyTo(batch.AsSpan(k * N + split));

        var streaming = create();
        var values = new double[outputs];
        for (int i = 0; i < N; i++)
        {
            streaming.Update(new BarInput(0, 0, high[i], low[i], close[i], 0), values);
            for (int k = 0; k < outputs; k++)
                Assert.True(values[k].Equals(batch[k * N + i]), $"{typeof(TKernel).Name} output {k}, bar {i}: streaming {values[k]:R}, batch {batch[k * N + i]:R}");
        }
        // Both kernels now continue one bar at a time: the batch left its state as the stream did.
        var after = new double[outputs];
        for (int i = 0; i < 300; i++)
        {
            var bar = new BarInput(0, 0, 1.2 + i * 1e-5, 1.1999 + i * 1e-5, 1.19995 + i * 1e-5, 0);
            streaming.Update(bar, values);
            batchKernel.Update(bar, after);
            Assert.Equal(values, after);
        }
    }

    public static TheoryData<int, int, int> Cases => new()
    {
        { 1, -1, N },      // all on the grid, one batch
        { 2, -1, 3 },      // split inside the warm-up
        { 3, 4_000, 77 },  // off-grid stretch: running sums, back to exact at a recomputation
        { 4, 10, 8_990 },  // off-grid near the start, split near the end
        { 5, 0, 4_500 },   // off-grid throughout: running sums and their recomputations
    };

    [Theory, MemberData(nameof(Cases))]
    public void Sma_array_loop_equals_the_update(int seed, int offGridFrom, int split)
    {
        foreach (int period in new[] { 1, 2, 3, 5, 20, 48 })
            Agree(() => new SimpleMovingAverage(period), seed, offGridFrom, split);
    }

    [Theory, MemberData(nameof(Cases))]
    public void Ema_and_wilder_array_loops_equal_the_update(int seed, int offGridFrom, int split)
    {
        foreach (int period in new[] { 1, 2, 20 })
        {
            Agree(() => new ExponentialMovingAverage(period), seed, offGridFrom, split);
            Agree(() => new AverageTrueRange(period), seed, offGridFrom, split);
            Agree(() => new RelativeStrengthIndex(period), seed, offGridFrom, split);
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public void Adx_array_loop_equals_the_update(int seed, int offGridFrom, int split)
    {
        foreach (int period in new[] { 2, 14 })
            Agree(() => new AverageDirectionalIndex(period), seed, offGridFrom, split);
    }

    [Fact]
    public void Nan_inputs_poison_or_skip_alike_in_both_faces()
    {
        // ATR skips a bar without a true range; EMA and RSI carry the NaN on. Both faces must agree.
        var close = Enumerable.Range(0, 200).Select(i => i is 60 or 61 ? double.NaN : 1.1 + (i % 7) * 1e-4).ToArray();
        var bars = new BarColumns(default, default, close, close, close, default);
        Assert.Equal(Streamed(new AverageTrueRange(5), close), IndicatorBatch.Compute(new AverageTrueRange(5), bars));
        Assert.Equal(Streamed(new ExponentialMovingAverage(5), close), IndicatorBatch.Compute(new ExponentialMovingAverage(5), close));
        Assert.Equal(Streamed(new RelativeStrengthIndex(5), close), IndicatorBatch.Compute(new RelativeStrengthIndex(5), close));
        Assert.False(double.IsNaN(IndicatorBatch.Compute(new AverageTrueRange(5), bars)[^1])); // ATR recovers
    }

    [Fact]
    public void Rsi_of_flat_prices_is_zero_in_both_faces()
    {
        // Gain and loss both 0 (a flat start) make RSI 0, not 0/0: the batch loop divides four values
        // at a time and must select 0 for those lanes as the update does. Lengths 37 and 38 leave
        // the four-at-a-time loop with a remainder of 3 and 0 after the warm-up of 6.
        foreach (int length in new[] { 37, 38 })
        {
            var close = Enumerable.Range(0, length).Select(i => i < 25 ? 1.1 : 1.1 + (i % 3) * 1e-4).ToArray();
            var batch = IndicatorBatch.Compute(new RelativeStrengthIndex(5), close);
            Assert.Equal(Streamed(new RelativeStrengthIndex(5), close), batch);
            Assert.All(batch[5..25], value => Assert.Equal(0.0, value));
            Assert.True(batch[^1] > 0);
        }
    }

    [Fact]
    public void Adx_of_flat_bars_is_zero_in_both_faces()
    {
        // A true range of 0 (flat bars) makes the DIs 0, not 0·(100/0), and DX 0, not 0/0: the batch
        // loop divides four bars at a time and must select 0 for those lanes as the update does.
        foreach (int length in new[] { 61, 62 })
        {
            var close = Enumerable.Range(0, length).Select(i => i < 40 ? 1.1 : 1.1 + (i % 3) * 1e-4).ToArray();
            var high = close.Select((c, i) => i < 40 ? c : c + 2e-4).ToArray();
            var bars = new BarColumns(default, default, high, close, close, default);
            var batch = IndicatorBatch.Compute(new AverageDirectionalIndex(5), bars);
            var streaming = new AverageDirectionalIndex(5);
            var values = new double[3];
            for (int i = 0; i < length; i++)
            {
                streaming.Update(new BarInput(0, 0, high[i], close[i], close[i], 0), values);
                for (int k = 0; k < 3; k++)
                    Assert.True(values[k].Equals(batch[k * length + i]), $"output {k}, bar {i}: streaming {values[k]:R}, batch {batch[k * length + i]:R}");
            }
            for (int i = 9; i < 40; i++) Assert.Equal((0.0, 0.0, 0.0), (batch[i], batch[length + i], batch[2 * length + i]));
            Assert.True(batch[^1] > 0); // -DI at the end: the moves began
        }
    }

    private static double[] Streamed<TKernel>(TKernel kernel, double[] close) where TKernel : struct, IIndicatorKernel
    {
        var result = new double[close.Length];
        var value = new double[1];
        for (int i = 0; i < close.Length; i++) { kernel.Update(new BarInput(0, 0, close[i], close[i], close[i], 0), value); result[i] = value[0]; }
        return result;
    }
}
