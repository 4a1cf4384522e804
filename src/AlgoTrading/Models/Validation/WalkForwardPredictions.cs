using AlgoTrading.Features.Labels;
using AlgoTrading.Features.Sets;

namespace AlgoTrading.Models.Validation;

/// <summary>
/// Out-of-sample predictions for every bar by retraining as time passes: the bars after the
/// warm-up are cut into blocks of <c>step</c> rows starting <c>train</c> rows in; before each block a
/// fresh model trains on every earlier row whose label was complete before the block's first bar
/// (a forward-only purge), then predicts the block. The result is what a model retrained on that
/// schedule would have said live, stitched over the whole history; the blocks do not depend on the
/// data's length, so appending or changing later bars never changes an earlier prediction.
/// </summary>
public static class WalkForwardPredictions
{
    /// <summary>One prediction per bar of <paramref name="features"/> (NaN during the warm-up and the first training window).</summary>
    /// <param name="features">Features of every bar.</param>
    /// <param name="labels">Labels on the same bars.</param>
    /// <param name="createModel">A fresh, untrained model.</param>
    /// <param name="train">Rows after the warm-up before the first prediction.</param>
    /// <param name="step">Rows predicted by each model before the next retrain.</param>
    /// <param name="progress">Hears the number of models trained so far.</param>
    /// <exception cref="ModelInputException">A training window with no usable rows (e.g. one class).</exception>
    public static double[] Run(FeatureMatrix features, LabelSeries labels, Func<IModel> createModel, int train, int step, Action<int>? progress = null)
    {
        if (train < 1 || step < 1) throw new ArgumentException($"walk-forward needs train ≥ 1 and step ≥ 1 rows (got {train}, {step})");
        if (labels.Count != features.Rows) throw new ModelInputException($"label '{labels.Name}' has {labels.Count} bars but the features have {features.Rows}");
        var output = new double[features.Rows];
        Array.Fill(output, double.NaN);
        var matrix = ModelMatrix.FromFeatures(features);
        int offset = matrix.WarmUpRowsDropped, models = 0;
        var rows = new List<int>();
        for (int first = train; first < matrix.Rows; first += step)
        {
            long blockStart = matrix.Time[first];
            rows.Clear();
            for (int r = 0; r < first; r++)
                if (double.IsFinite(labels.Values[r + offset]) && labels.EndTime[r + offset] < blockStart) rows.Add(r);
            var selected = matrix.Select(rows.ToArray());
            var y = rows.Select(r => (float)labels.Values[r + offset]).ToArray();
            var ends = rows.Select(r => labels.EndTime[r + offset]).ToArray();
            int count = Math.Min(step, matrix.Rows - first);
            var block = matrix.Slice(first, count);
            var predicted = new float[count];
            using (var model = createModel())
            {
                model.Fit(new TrainingSet(selected, y, LabelEnd: ends));
                model.Predict(block, predicted);
            }
            for (int i = 0; i < count; i++) output[first + i + offset] = predicted[i];
            progress?.Invoke(++models);
        }
        return output;
    }
}
