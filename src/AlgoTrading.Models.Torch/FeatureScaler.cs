namespace AlgoTrading.Models.Torch;

/// <summary>
/// Per-feature standardisation, (x − mean) / std, fitted on the training rows only and saved with the
/// model so that training, backtest and live inputs are scaled identically. A constant column keeps
/// std 1 instead of dividing by zero. Means and stds are kept as floats, the exact values applied.
/// </summary>
internal sealed class FeatureScaler
{
    public FeatureScaler(float[] mean, float[] std)
    {
        if (mean.Length != std.Length) throw new ArgumentException("mean and std must have one value per feature");
        Mean = mean;
        Std = std;
    }

    public float[] Mean { get; }
    public float[] Std { get; }
    public int Columns => Mean.Length;

    /// <summary>Fits on row-major <paramref name="values"/>, <paramref name="columns"/> wide (sums accumulated in double).</summary>
    public static FeatureScaler Fit(ReadOnlySpan<float> values, int columns)
    {
        int rows = values.Length / columns;
        var sum = new double[columns];
        var sumSquares = new double[columns];
        for (int r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            for (int c = 0; c < columns; c++)
            {
                sum[c] += row[c];
                sumSquares[c] += (double)row[c] * row[c];
            }
        }
        var mean = new float[columns];
        var std = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            double m = sum[c] / rows;
            double variance = Math.Max(0, sumSquares[c] / rows - m * m);
            double s = Math.Sqrt(variance);
            mean[c] = (float)m;
            std[c] = s > 1e-12 * Math.Max(1, Math.Abs(m)) ? (float)s : 1f;
        }
        return new FeatureScaler(mean, std);
    }

    /// <summary>Writes the standardised <paramref name="source"/> (row-major, <see cref="Columns"/> wide) into <paramref name="destination"/>.</summary>
    public void Transform(ReadOnlySpan<float> source, Span<float> destination)
    {
        int columns = Columns;
        for (int i = 0; i < source.Length; i++)
        {
            int c = i % columns;
            destination[i] = (source[i] - Mean[c]) / Std[c];
        }
    }
}
