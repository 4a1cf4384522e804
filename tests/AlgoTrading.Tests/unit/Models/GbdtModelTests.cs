using AlgoTrading.Models;
using AlgoTrading.Models.Gbdt;
using AlgoTrading.Models.Validation;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary>Both tree libraries behind IModel: learn a known rule, repeat under a seed, survive save and load bit for bit, explain themselves.</summary>
public sealed class GbdtModelTests
{
    private static readonly Dictionary<string, string> Small = new() { ["trees"] = "60", ["learning_rate"] = "0.2", ["threads"] = "1", ["min_child"] = "5" };

    static GbdtModelTests() => GbdtModels.Register();

    private static IModel Create(string kind, ModelTask task = ModelTask.BinaryClassification, Dictionary<string, string>? extra = null)
    {
        var p = new Dictionary<string, string>(Small);
        foreach (var (k, v) in extra ?? []) p[k] = v;
        return ModelKinds.Get(kind).Create(task, p, "synthetic");
    }

    private static float[] PredictAll(IModel model, ModelMatrix m)
    {
        var output = new float[m.Rows];
        model.Predict(m, output);
        return output;
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("xgboost")]
    public void Learns_a_known_rule_out_of_sample(string kind)
    {
        using var model = Create(kind);
        model.Fit(SyntheticSignal.Classification(2000, seed: 1), SyntheticSignal.Classification(500, seed: 2));
        var test = SyntheticSignal.Classification(1000, seed: 3);
        var p = PredictAll(model, test.Features);
        double auc = ClassificationMetrics.Auc(p, test.Labels);
        Assert.True(auc > 0.9, $"{kind} AUC {auc:F3} on held-out rows");
        Assert.Equal(SyntheticSignal.Columns, model.Metadata.FeatureNames);
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("xgboost")]
    public void Regression_tracks_the_target(string kind)
    {
        using var model = Create(kind, ModelTask.Regression);
        model.Fit(SyntheticSignal.Regression(2000, 1));
        var test = SyntheticSignal.Regression(500, 3);
        var p = PredictAll(model, test.Features);
        Assert.True(RegressionMetrics.InformationCoefficient(p, test.Labels) > 0.9);
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("xgboost")]
    public void Same_seed_same_predictions_and_save_load_reproduces_them_exactly(string kind)
    {
        var train = SyntheticSignal.Classification(1500, 1);
        var test = SyntheticSignal.Features(300, 9);
        using var a = Create(kind, extra: new() { ["subsample"] = "0.7", ["colsample"] = "0.75", ["seed"] = "7" });
        using var b = Create(kind, extra: new() { ["subsample"] = "0.7", ["colsample"] = "0.75", ["seed"] = "7" });
        a.Fit(train);
        b.Fit(train);
        var pa = PredictAll(a, test);
        Assert.Equal(pa, PredictAll(b, test));

        using var dir = new TempDirectory();
        a.Save(dir.Path);
        using var loaded = ModelKinds.Get(kind).Load(dir.Path, a.Metadata);
        Assert.Equal(pa, PredictAll(loaded, test));
        for (int r = 0; r < test.Rows; r += 37) Assert.Equal(pa[r], loaded.PredictLatest(test.Row(r)), 6);
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("xgboost")]
    public void Early_stopping_keeps_fewer_rounds_than_asked(string kind)
    {
        // A noisy label stops improving the validation loss long before 400 rounds.
        var train = SyntheticSignal.Classification(800, 1);
        var random = new Random(5);
        for (int i = 0; i < train.Labels.Length; i++) if (random.NextDouble() < 0.3) train.Labels[i] = 1 - train.Labels[i];
        using var model = Create(kind, extra: new() { ["trees"] = "400", ["early_stopping"] = "10" });
        model.Fit(train, SyntheticSignal.Classification(300, 2));
        int rounds = ((GbdtModel)model).Rounds;
        Assert.InRange(rounds, 1, 399);
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("xgboost")]
    public void Importance_points_at_the_signal_and_contributions_sum_to_the_raw_prediction(string kind)
    {
        using var model = Create(kind, ModelTask.Regression);
        model.Fit(SyntheticSignal.Regression(1500, 1));
        var explainable = Assert.IsAssignableFrom<IExplainableModel>(model);
        var importance = explainable.FeatureImportance();
        Assert.Equal(4, importance.Count);
        Assert.True(importance[0] > importance[2] + importance[3] && importance[1] > importance[2] + importance[3], string.Join(", ", importance));

        var rows = SyntheticSignal.Features(20, 4);
        var contributions = new float[rows.Rows * 5];
        explainable.Contributions(rows, contributions);
        var predictions = PredictAll(model, rows); // regression: the raw score is the prediction
        for (int r = 0; r < rows.Rows; r++)
            Assert.Equal(predictions[r], contributions.AsSpan(r * 5, 5).ToArray().Sum(), 3);
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("xgboost")]
    public void Bad_input_is_one_line_naming_it(string kind)
    {
        using var model = Create(kind);
        var oneClass = SyntheticSignal.Classification(100, 1);
        Array.Fill(oneClass.Labels, 1f);
        Assert.Contains("one class", Assert.Throws<ModelInputException>(() => model.Fit(oneClass)).Message);

        var withNaN = SyntheticSignal.Classification(100, 1);
        withNaN.Features.Values[14] = float.NaN;
        var e = Assert.Throws<ModelInputException>(() => model.Fit(withNaN));
        Assert.Contains("'noise_a'", e.Message);
        Assert.Contains("row 4", e.Message);
        withNaN.Features.Values[14] = float.PositiveInfinity;
        Assert.Contains("'noise_a'", Assert.Throws<ModelInputException>(() => model.Fit(withNaN)).Message);

        Assert.Contains("unknown hyperparameter", Assert.Throws<ModelInputException>(() => Create(kind, extra: new() { ["tress"] = "5" })).Message);

        model.Fit(SyntheticSignal.Classification(200, 1));
        var other = new ModelMatrix(new float[8], [0, 1], ["x0", "x1", "rsi_14", "noise_b"]);
        Assert.Contains("'rsi_14'", Assert.Throws<ModelInputException>(() => model.Predict(other, new float[2])).Message);
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("xgboost")]
    public void A_corrupted_model_file_is_refused_naming_it(string kind)
    {
        using var model = Create(kind);
        model.Fit(SyntheticSignal.Classification(200, 1));
        using var dir = new TempDirectory();
        model.Save(dir.Path);
        var file = Directory.GetFiles(dir.Path).Single(f => !f.EndsWith(".sha256"));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes.AsSpan(0, bytes.Length / 3).ToArray());
        var e = Assert.Throws<ModelInputException>(() => ModelKinds.Get(kind).Load(dir.Path, model.Metadata));
        Assert.Contains(Path.GetFileName(file), e.Message);
        Assert.Contains("corrupted", e.Message);
    }
}
