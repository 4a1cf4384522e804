namespace AlgoTrading.Models.Validation;

/// <summary>One fold's outcome.</summary>
/// <param name="Fold">Fold number, from 1.</param>
/// <param name="TrainRows">Rows trained on (after purging and the embargo).</param>
/// <param name="TestRows">Rows predicted.</param>
/// <param name="Purged">Training rows purged.</param>
/// <param name="Embargoed">Training rows embargoed.</param>
/// <param name="TestStart">First test row's bar start, UTC.</param>
/// <param name="TestEnd">Last test row's bar start, UTC.</param>
/// <param name="Metrics">Scores on the test rows by name (see <see cref="CrossValidation.Score"/>).</param>
public sealed record FoldResult(int Fold, int TrainRows, int TestRows, int Purged, int Embargoed, DateTime TestStart, DateTime TestEnd,
    IReadOnlyDictionary<string, double> Metrics);

/// <summary>Everything out of sample: the fold table, every test row's prediction, and the scores of all of them together.</summary>
/// <param name="Folds">One row per fold.</param>
/// <param name="Time">Bar start (UTC ticks) of each out-of-sample row, in time order.</param>
/// <param name="Labels">Their labels.</param>
/// <param name="Predictions">Their predictions, each made by a model that never trained on an overlapping label.</param>
/// <param name="FoldOf">The fold (from 1) that predicted each row.</param>
/// <param name="Overall">Scores of all out-of-sample rows together (e.g. <c>auc</c>).</param>
public sealed record CrossValidationResult(IReadOnlyList<FoldResult> Folds, long[] Time, float[] Labels, float[] Predictions, int[] FoldOf,
    IReadOnlyDictionary<string, double> Overall);

/// <summary>
/// Trains a fresh model per fold on the fold's (purged, embargoed) training rows and predicts its
/// test rows; test rows never influence training, and fold models are disposed after use.
/// </summary>
public static class CrossValidation
{
    /// <summary>Runs <paramref name="folds"/> on <paramref name="data"/>; <paramref name="createModel"/> gives an untrained model.</summary>
    public static CrossValidationResult Run(Func<IModel> createModel, LabeledData data, IReadOnlyList<Fold> folds, ModelTask task, Action<int>? progress = null)
    {
        var rows = new List<int>();
        var predictions = new List<float>();
        var foldOf = new List<int>();
        var table = new List<FoldResult>(folds.Count);
        var time = data.Set.Features.Time;
        foreach (var fold in folds)
        {
            var train = data.Subset(fold.Train);
            var test = data.Subset(fold.Test);
            var output = new float[test.Rows];
            using (var model = createModel())
            {
                model.Fit(train);
                PredictWithContext(model, data.Set.Features, fold.Test, output);
            }
            table.Add(new FoldResult(fold.Index + 1, fold.Train.Length, fold.Test.Length, fold.Purged, fold.Embargoed,
                new DateTime(time[fold.Test[0]], DateTimeKind.Utc), new DateTime(time[fold.Test[^1]], DateTimeKind.Utc), Score(task, output, test.Labels)));
            rows.AddRange(fold.Test);
            predictions.AddRange(output);
            foldOf.AddRange(Enumerable.Repeat(fold.Index + 1, fold.Test.Length));
            progress?.Invoke(fold.Index + 1);
        }
        var order = Enumerable.Range(0, rows.Count).OrderBy(i => rows[i]).ToArray();
        var oosTime = order.Select(i => time[rows[i]]).ToArray();
        var oosLabels = order.Select(i => data.Set.Labels[rows[i]]).ToArray();
        var oosPredictions = order.Select(i => predictions[i]).ToArray();
        return new CrossValidationResult(table, oosTime, oosLabels, oosPredictions, order.Select(i => foldOf[i]).ToArray(), Score(task, oosPredictions, oosLabels));
    }

    /// <summary>
    /// Predicts the contiguous test rows <paramref name="test"/> of <paramref name="all"/>. A model that reads
    /// L = <see cref="ModelMetadata.LookbackRows"/> rows per prediction (LSTM, GRU) gets the L − 1 rows before
    /// the block as context: their features are known before the first test bar (no look-ahead, no label
    /// read), so only rows with fewer than L − 1 rows before them in the whole data stay without a prediction (NaN).
    /// </summary>
    internal static void PredictWithContext(IModel model, ModelMatrix all, int[] test, Span<float> output)
    {
        int context = Math.Min(Math.Max(1, model.Metadata.LookbackRows) - 1, test[0]);
        if (context == 0 || test[^1] - test[0] + 1 != test.Length)
        {
            model.Predict(all.Select(test), output);
            return;
        }
        var withContext = new float[test.Length + context];
        model.Predict(all.Slice(test[0] - context, test.Length + context), withContext);
        withContext.AsSpan(context).CopyTo(output);
    }

    /// <summary>
    /// Classification: <c>auc</c>, <c>log_loss</c>, <c>accuracy</c>, <c>f1</c>, <c>brier</c>;
    /// regression: <c>ic</c>, <c>rank_ic</c>, <c>rmse</c>. Rows without a prediction (NaN: a sequence model's
    /// first rows) are left out of every score.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Score(ModelTask task, ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels)
    {
        int missing = 0;
        foreach (var p in predictions) if (float.IsNaN(p)) missing++;
        if (missing == 0) return ScoreAll(task, predictions, labels);
        var scored = new float[predictions.Length - missing];
        var scoredLabels = new float[scored.Length];
        for (int i = 0, j = 0; i < predictions.Length; i++)
            if (!float.IsNaN(predictions[i])) { scored[j] = predictions[i]; scoredLabels[j++] = labels[i]; }
        return ScoreAll(task, scored, scoredLabels);
    }

    private static IReadOnlyDictionary<string, double> ScoreAll(ModelTask task, ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels) =>
        task == ModelTask.BinaryClassification
            ? new Dictionary<string, double>
            {
                ["auc"] = ClassificationMetrics.Auc(predictions, labels), ["log_loss"] = ClassificationMetrics.LogLoss(predictions, labels),
                ["accuracy"] = ClassificationMetrics.Accuracy(predictions, labels), ["f1"] = ClassificationMetrics.F1(predictions, labels),
                ["brier"] = ClassificationMetrics.Brier(predictions, labels),
            }
            : new Dictionary<string, double>
            {
                ["ic"] = RegressionMetrics.InformationCoefficient(predictions, labels), ["rank_ic"] = RegressionMetrics.RankInformationCoefficient(predictions, labels),
                ["rmse"] = RegressionMetrics.Rmse(predictions, labels),
            };
}
