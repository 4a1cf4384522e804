namespace AlgoTrading.Models.Torch.Tests.Support;

/// <summary>
/// Data with a known answer for sequence models: independent standard-normal features per row, and
/// a label at row t that depends on earlier rows only, label(t) = 1 when x0[t−2] + x1[t−5] > 0. A
/// model that reads its window right separates the classes almost perfectly (AUC near 1); one that
/// sees only row t cannot (AUC near 0.5).
/// </summary>
public static class SyntheticSequences
{
    public static readonly string[] Columns = ["x0", "x1", "x2", "x3"];
    public static readonly long Start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Rows with the delayed-sum label (classification) or the sum itself (regression).</summary>
    public static TrainingSet Make(int rows, int seed, ModelTask task = ModelTask.BinaryClassification)
    {
        var random = new Random(seed);
        int columns = Columns.Length;
        var values = new float[rows * columns];
        for (int i = 0; i < values.Length; i++) values[i] = Normal(random);
        var labels = new float[rows];
        for (int t = 0; t < rows; t++)
        {
            float signal = t >= 5 ? values[(t - 2) * columns] + values[(t - 5) * columns + 1] : 0f;
            labels[t] = task == ModelTask.Regression ? signal : signal > 0 ? 1f : 0f;
        }
        var time = Enumerable.Range(0, rows).Select(r => Start + r * TimeSpan.TicksPerHour).ToArray();
        return new TrainingSet(new ModelMatrix(values, time, Columns), labels);
    }

    /// <summary>Small, fast settings for CI (2 cores).</summary>
    public static Dictionary<string, string> FastSettings(int maxEpochs = 12) => new()
    {
        ["sequence_length"] = "8",
        ["hidden_size"] = "16",
        ["batch_size"] = "32",
        ["learning_rate"] = "0.01",
        ["max_epochs"] = maxEpochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["patience"] = "3",
        ["seed"] = "7",
    };

    /// <summary>Area under the ROC curve: the probability that a random positive scores above a random negative (ties count half), rows with NaN scores skipped.</summary>
    public static double Auc(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels)
    {
        var positives = new List<float>();
        var negatives = new List<float>();
        for (int i = 0; i < scores.Length; i++)
        {
            if (float.IsNaN(scores[i])) continue;
            (labels[i] == 1 ? positives : negatives).Add(scores[i]);
        }
        double wins = 0;
        foreach (var p in positives)
            foreach (var n in negatives)
                wins += p > n ? 1 : p == n ? 0.5 : 0;
        return wins / ((double)positives.Count * negatives.Count);
    }

    private static float Normal(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
