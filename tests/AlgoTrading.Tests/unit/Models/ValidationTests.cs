using AlgoTrading.Models;
using AlgoTrading.Models.Validation;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary>Metrics against numbers worked by hand, purged splits against hand-worked indices, and a leak the purge must stop.</summary>
public sealed class ValidationTests
{
    private static readonly long H = TimeSpan.TicksPerHour;

    [Fact]
    public void Classification_metrics_match_hand_worked_values()
    {
        // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ordered right.
        Assert.Equal(0.75, ClassificationMetrics.Auc([0.1f, 0.4f, 0.35f, 0.8f], [0, 0, 1, 1]), 12);
        Assert.Equal(0.5, ClassificationMetrics.Auc([0.5f, 0.5f], [0, 1]), 12);
        Assert.True(double.IsNaN(ClassificationMetrics.Auc([0.2f, 0.3f], [1, 1])));
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.7)) / 2, ClassificationMetrics.LogLoss([0.8f, 0.3f], [1, 0]), 6);
        Assert.Equal((0.04 + 0.09) / 2, ClassificationMetrics.Brier([0.8f, 0.3f], [1, 0]), 6);
        // TP 2 (0.9, 0.7), FP 1 (0.6), FN 1 (0.2): F1 = 4 / 6; 2 of 4 right.
        Assert.Equal(4.0 / 6, ClassificationMetrics.F1([0.9f, 0.6f, 0.2f, 0.7f], [1, 0, 1, 1]), 12);
        Assert.Equal(0.5, ClassificationMetrics.Accuracy([0.9f, 0.6f, 0.2f, 0.7f], [1, 0, 1, 1]), 12);
    }

    [Fact]
    public void Regression_metrics_match_hand_worked_values()
    {
        // Ranks (1, 2, 3) against (1, 3, 2): covariance 1, variances 2 and 2.
        Assert.Equal(0.5, RegressionMetrics.RankInformationCoefficient([1, 2, 3], [10, 20, 15]), 6);
        Assert.Equal(1.0, RegressionMetrics.InformationCoefficient([1, 2, 3], [2, 4, 6]), 6);
        Assert.Equal(Math.Sqrt(2.0 / 3), RegressionMetrics.Rmse([1, 2, 3], [2, 3, 3]), 6);
    }

    private static (long[] Start, long[] End) Hourly(int rows, int horizon) =>
        (Enumerable.Range(0, rows).Select(i => i * H).ToArray(), Enumerable.Range(0, rows).Select(i => (i + horizon) * H).ToArray());

    [Fact]
    public void Purged_kfold_drops_overlapping_labels_and_the_embargo()
    {
        var (start, end) = Hourly(10, horizon: 2);
        var fold = PurgedSplits.Create(SplitKind.PurgedKFold, start, end, folds: 5, embargo: 1)[2];
        // Test rows 4-5, labels known until 7h. Rows 2, 3 end inside it; rows 6, 7 start inside it; row 8, the first after it, is the embargo.
        Assert.Equal([4, 5], fold.Test);
        Assert.Equal([0, 1, 9], fold.Train);
        Assert.Equal(4, fold.Purged);
        Assert.Equal(1, fold.Embargoed);
    }

    [Fact]
    public void Walk_forward_trains_only_on_the_purged_past()
    {
        var (start, end) = Hourly(10, horizon: 1);
        var folds = PurgedSplits.Create(SplitKind.WalkForward, start, end, folds: 4, embargo: 0);
        Assert.Equal(4, folds.Count);
        Assert.Equal([2, 3], folds[0].Test);
        Assert.Equal([0], folds[0].Train); // row 1's label ends at 2h, inside the test window
        Assert.Equal([8, 9], folds[3].Test);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], folds[3].Train);
        Assert.All(folds, f => Assert.True(f.Train.Max() < f.Test.Min()));
    }

    [Fact]
    public void Too_few_rows_for_the_folds_is_one_line()
    {
        var (start, end) = Hourly(7, 1);
        var e = Assert.Throws<ModelInputException>(() => PurgedSplits.Create(SplitKind.PurgedKFold, start, end, folds: 5, embargo: 0));
        Assert.Contains("7 labelled rows are too few for 5", e.Message);
    }

    /// <summary>A memoriser scores far above chance on a label built to leak when adjacent rows train; with the purge and embargo it cannot.</summary>
    [Fact]
    public void Purge_stops_a_leaking_label()
    {
        var set = ModelLeakingLabel.WithoutEnds();
        var time = set.Features.Time;
        var data = LabeledData.From(set, ModelLeakingLabel.Ends(set));

        double Auc(int embargo, bool purge)
        {
            var end = purge ? data.LabelEnd : time; // without the purge, labels claim to be known at once
            var folds = PurgedSplits.Create(SplitKind.PurgedKFold, time, end, folds: 40, embargo: embargo);
            return CrossValidation.Run(() => new ModelMemoriser(), data, folds, ModelTask.BinaryClassification).Overall["auc"];
        }

        double leaked = Auc(0, purge: false), honest = Auc(ModelLeakingLabel.Horizon, purge: true);
        Assert.True(leaked > 0.65, $"without purge AUC {leaked:F3}");
        Assert.InRange(honest, 0.35, 0.62);
    }

    /// <summary>
    /// A sequence model (3 rows per prediction) is cross-validated with the 2 rows before each test block as
    /// context, so only the data's first 2 rows lack a prediction, and scores leave those out.
    /// </summary>
    [Fact]
    public void Sequence_models_predict_test_blocks_with_the_rows_before_them_as_context()
    {
        const int rows = 12;
        var time = Enumerable.Range(0, rows).Select(i => i * H).ToArray();
        var features = new ModelMatrix(Enumerable.Range(0, rows).Select(i => (float)i).ToArray(), time, ["row"]);
        var labels = Enumerable.Range(0, rows).Select(i => (float)(i % 2)).ToArray();
        var data = LabeledData.From(new TrainingSet(features, labels), time);
        var folds = PurgedSplits.Create(SplitKind.PurgedKFold, time, time, folds: 3, embargo: 0);

        var result = CrossValidation.Run(() => new OldestOfThree(), data, folds, ModelTask.BinaryClassification);

        // Row t's window is rows t-2..t; the model answers the oldest row's feature / 100.
        Assert.True(float.IsNaN(result.Predictions[0]) && float.IsNaN(result.Predictions[1]));
        for (int t = 2; t < rows; t++) Assert.Equal((t - 2) / 100f, result.Predictions[t]);
        double brier = Enumerable.Range(2, rows - 2).Average(t => Math.Pow((t - 2) / 100.0 - t % 2, 2));
        Assert.Equal(brier, result.Overall["brier"], 6);
        Assert.Equal(brier, result.Folds[1].Metrics["brier"] * 4 / 10 + result.Folds[0].Metrics["brier"] * 2 / 10 + result.Folds[2].Metrics["brier"] * 4 / 10, 6);
    }

    /// <summary>Reads 3 rows per prediction (like an LSTM with sequence_length 3) and predicts the oldest one's feature / 100.</summary>
    private sealed class OldestOfThree : IModel
    {
        public ModelMetadata Metadata { get; } = new("oldest", ModelTask.BinaryClassification, new Dictionary<string, string>(), ["row"], "test", LookbackRows: 3);
        public void Fit(TrainingSet train, TrainingSet? validation = null) { }
        public void Predict(ModelMatrix features, Span<float> output)
        {
            for (int r = 0; r < features.Rows; r++) output[r] = r < 2 ? float.NaN : features.Row(r - 2)[0] / 100f;
        }
        public float PredictLatest(ReadOnlySpan<float> rows) => rows[0] / 100f;
        public void Save(string directory) { }
        public void Dispose() { }
    }
}
