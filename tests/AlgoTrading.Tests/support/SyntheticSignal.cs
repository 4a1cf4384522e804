using AlgoTrading.Models;

namespace AlgoTrading.Tests.Support;

/// <summary>
/// A learning problem with a known answer: features are seeded uniform noise; the label is 1 when
/// x0 + 0.5·x1 > 0.25 (for regression the value 2·x0 − x1), so a model that finds the rule scores an
/// AUC near 1 and the other columns carry nothing.
/// </summary>
public static class SyntheticSignal
{
    public static readonly string[] Columns = ["x0", "x1", "noise_a", "noise_b"];

    public static TrainingSet Classification(int rows, int seed, DateTime? start = null)
    {
        var features = Features(rows, seed, start);
        var labels = new float[rows];
        for (int r = 0; r < rows; r++) labels[r] = features.Row(r)[0] + 0.5f * features.Row(r)[1] > 0.25f ? 1 : 0;
        return new TrainingSet(features, labels);
    }

    public static TrainingSet Regression(int rows, int seed)
    {
        var features = Features(rows, seed);
        var labels = new float[rows];
        for (int r = 0; r < rows; r++) labels[r] = 2 * features.Row(r)[0] - features.Row(r)[1];
        return new TrainingSet(features, labels);
    }

    public static ModelMatrix Features(int rows, int seed, DateTime? start = null)
    {
        var random = new Random(seed);
        var values = new float[rows * Columns.Length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        long t0 = (start ?? new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc)).Ticks;
        var time = Enumerable.Range(0, rows).Select(i => t0 + i * TimeSpan.TicksPerHour).ToArray();
        return new ModelMatrix(values, time, Columns);
    }
}
