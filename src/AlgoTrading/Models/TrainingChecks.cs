using System.Globalization;

namespace AlgoTrading.Models;

/// <summary>
/// The checks every model runs before it trains, so that bad input fails the same way, in one line,
/// whatever library would otherwise have crashed or trained on garbage.
/// </summary>
public static class TrainingChecks
{
    /// <summary>Refuses an empty set, a width other than the model's, non-finite values, labels that do not fit the task, or negative weights.</summary>
    /// <param name="set">The rows to train on.</param>
    /// <param name="task">What the model predicts: classification labels must be 0 or 1 and both present.</param>
    /// <param name="role">"training" or "validation", named in the message.</param>
    /// <exception cref="ModelInputException">The first problem found.</exception>
    public static void Validate(TrainingSet set, ModelTask task, string role = "training")
    {
        if (set.Rows == 0) throw new ModelInputException($"the {role} set has no rows");
        if (set.Labels.Length != set.Rows) throw new ModelInputException($"the {role} set has {set.Rows} rows but {set.Labels.Length} labels");
        if (set.Weights is { } w && w.Length != set.Rows) throw new ModelInputException($"the {role} set has {set.Rows} rows but {w.Length} weights");
        var values = set.Features.Values;
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
            {
                int row = i / set.Features.ColumnCount, column = i % set.Features.ColumnCount;
                throw new ModelInputException($"{role} feature '{set.Features.Columns[column]}' is {values[i].ToString(CultureInfo.InvariantCulture)} at {Stamp(set.Features.Time[row])} (row {row + 1})");
            }
        int ones = 0;
        for (int i = 0; i < set.Labels.Length; i++)
        {
            float y = set.Labels[i];
            if (!float.IsFinite(y)) throw new ModelInputException($"{role} label is {y.ToString(CultureInfo.InvariantCulture)} at {Stamp(set.Features.Time[i])} (row {i + 1})");
            if (task == ModelTask.BinaryClassification)
            {
                if (y != 0 && y != 1) throw new ModelInputException($"{role} label is {y.ToString(CultureInfo.InvariantCulture)} at {Stamp(set.Features.Time[i])} (row {i + 1}); classification labels are 0 or 1");
                if (y == 1) ones++;
            }
            if (set.Weights is { } weights && !(weights[i] >= 0 && float.IsFinite(weights[i])))
                throw new ModelInputException($"{role} weight is {weights[i].ToString(CultureInfo.InvariantCulture)} at row {i + 1}; weights are finite and non-negative");
        }
        if (task == ModelTask.BinaryClassification && (ones == 0 || ones == set.Rows))
            throw new ModelInputException($"the {role} label column has one class (all {(ones == 0 ? 0 : 1)}, {set.Rows} rows): nothing to learn");
    }

    /// <summary>Refuses a matrix whose columns are not the ones the model was trained on, naming the first difference.</summary>
    /// <exception cref="ModelInputException">Different count, names or order.</exception>
    public static void SameColumns(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what = "the model")
    {
        if (expected.Count == 0) return;
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            if (!string.Equals(expected[i], actual[i], StringComparison.Ordinal))
                throw new ModelInputException($"feature column {i + 1} is '{actual[i]}' but {what} was trained with '{expected[i]}' there: a different feature set");
        if (expected.Count != actual.Count)
            throw new ModelInputException($"{actual.Count} feature columns given but {what} was trained on {expected.Count}: a different feature set");
    }

    private static string Stamp(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
