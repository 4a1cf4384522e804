namespace AlgoTrading.Features.Indicators;

/// <summary>
/// SMA(n): the mean of the last n closes. First value at index n − 1 (TA-Lib SMA). For prices on a
/// decimal grid the value is the double nearest to the exact decimal mean (see <see cref="RollingSum"/>),
/// so two averages that are equal as decimals are equal as doubles.
/// </summary>
public struct SimpleMovingAverage : IIndicatorKernel
{
    private RollingSum _sum;

    /// <summary>Creates SMA(<paramref name="period"/>).</summary>
    public SimpleMovingAverage(int period) { Period = period >= 1 ? period : throw new ArgumentOutOfRangeException(nameof(period)); _sum = new RollingSum(period); }

    /// <summary>The window length in bars.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => Period - 1;

    /// <summary>Adds a value and returns the average (NaN until the window is full).</summary>
    public double Next(double value)
    {
        _sum.Push(value);
        return _sum.IsFull ? _sum.Mean : double.NaN;
    }

    /// <summary>The batch face: <see cref="Next"/> over every value, as an array loop (bit for bit the same outputs and final state).</summary>
    internal void Batch(ReadOnlySpan<double> values, Span<double> output) => _sum.PushMeans(values, output);

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs) => outputs[0] = Next(bar.Close);
    /// <inheritdoc />
    public void Reset() => _sum.Clear();
}
