using System.Globalization;
using AlgoTrading.Models;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// Refuses data a network must never see, each with one line naming the set, column, row and bar
/// time: non-finite features, labels or weights, labels other than 0/1 for classification, and
/// label columns with a single class.
/// </summary>
internal static class TrainingInputCheck
{
    public static void FeaturesFinite(ModelMatrix features, string set)
    {
        var values = features.Values;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i])) continue;
            int row = i / features.ColumnCount;
            throw new ModelInputException(
                $"{set}: feature '{features.Columns[i % features.ColumnCount]}' is {values[i].ToString(CultureInfo.InvariantCulture)} at {At(features, row)}");
        }
    }

    /// <summary>Checks labels and weights of the rows that end a window (from <paramref name="firstRow"/> on).</summary>
    public static void LabelsAndWeights(TrainingSet set, ModelTask task, int firstRow, string name)
    {
        if (set.Labels.Length != set.Rows)
            throw new ModelInputException($"{name}: {set.Labels.Length} labels for {set.Rows} rows");
        if (set.Weights is { } w && w.Length != set.Rows)
            throw new ModelInputException($"{name}: {w.Length} weights for {set.Rows} rows");

        bool zero = false, one = false;
        double weightSum = 0;
        for (int r = firstRow; r < set.Rows; r++)
        {
            float label = set.Labels[r];
            if (!float.IsFinite(label))
                throw new ModelInputException($"{name}: label is {label.ToString(CultureInfo.InvariantCulture)} at {At(set.Features, r)}");
            if (task == ModelTask.BinaryClassification)
            {
                if (label == 0) zero = true;
                else if (label == 1) one = true;
                else throw new ModelInputException($"{name}: label is {label.ToString(CultureInfo.InvariantCulture)} at {At(set.Features, r)}, classification labels must be 0 or 1");
            }
            if (set.Weights is { } weights)
            {
                if (!float.IsFinite(weights[r]) || weights[r] < 0)
                    throw new ModelInputException($"{name}: sample weight is {weights[r].ToString(CultureInfo.InvariantCulture)} at {At(set.Features, r)}, weights must be finite and >= 0");
                weightSum += weights[r];
            }
        }
        if (task == ModelTask.BinaryClassification && !(zero && one))
            throw new ModelInputException($"{name}: the label column has one class ({(one ? 1 : 0)}) in the {set.Rows - firstRow} rows with a full window, a classifier needs both 0 and 1");
        if (set.Weights is not null && weightSum <= 0)
            throw new ModelInputException($"{name}: every sample weight is 0");
    }

    private static string At(ModelMatrix features, int row) =>
        $"{new DateTime(features.Time[row], DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC (row {row + 1})";
}
