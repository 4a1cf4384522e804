using AlgoTrading.Models;
using AlgoTrading.Models.Gbdt;
using AlgoTrading.Models.Validation;
using AlgoTrading.Notebooks;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

/// <summary>The notebook formatters for a model's fold table and feature importance, checked against numbers worked by hand.</summary>
public sealed class ModelFormatterTests
{
    private const string FirstCell = "<td style=\"white-space:nowrap\">";

    [Fact]
    public void Fold_table_shows_every_fold_then_the_scores_of_all_out_of_sample_rows()
    {
        var folds = new[]
        {
            new FoldResult(1, 800, 200, 12, 0, Utc(2024, 1, 1), Utc(2024, 1, 9, 7), new Dictionary<string, double> { ["auc"] = 0.5, ["accuracy"] = 0.61234 }),
            new FoldResult(2, 788, 200, 12, 12, Utc(2024, 1, 9, 8), Utc(2024, 1, 17, 15), new Dictionary<string, double> { ["auc"] = 0.6, ["accuracy"] = 0.5 }),
        };
        var validation = new CrossValidationResult(folds, new long[400], new float[400], new float[400], new int[400],
            new Dictionary<string, double> { ["auc"] = 0.55, ["accuracy"] = 0.556 });

        var html = NotebookHtml.FoldTable(validation);

        Assert.Contains("Purged cross-validation: 2 folds", html);
        Assert.Contains("<th>auc</th><th>accuracy</th>", html);
        Assert.Contains($"{FirstCell}1</td><td>800</td><td>200</td><td>12</td><td>0</td><td>2024-01-01 00:00:00</td><td>2024-01-09 07:00:00</td><td>0.5000</td><td>0.6123</td>", html);
        Assert.Contains($"{FirstCell}2</td><td>788</td><td>200</td><td>12</td><td>12</td><td>2024-01-09 08:00:00</td><td>2024-01-17 15:00:00</td><td>0.6000</td><td>0.5000</td>", html);
        // the overall row counts the out-of-sample predictions (400) and carries the overall scores, not the fold mean
        Assert.Contains($"{FirstCell}all out of sample</td><td></td><td>400</td><td></td><td></td><td></td><td></td><td>0.5500</td><td>0.5560</td>", html);
        Assert.True(html.IndexOf(">1</td>", StringComparison.Ordinal) < html.IndexOf(">2</td>", StringComparison.Ordinal));
    }

    [Fact]
    public void Feature_importance_is_sorted_by_gain_with_shares_of_the_total_and_ties_in_column_order()
    {
        // gains a 1, b 3, c 0, d 4, e 0: total 8, so d 50 %, b 37.5 %, a 12.5 %, then c and e (0) in column order
        using var model = new FixedImportance(["a", "b", "c", "d", "e"], [1, 3, 0, 4, 0]);
        var importance = FeatureImportance.Of(model);

        Assert.Equal(["d", "b", "a", "c", "e"], importance.Features);
        Assert.Equal([4.0, 3, 1, 0, 0], importance.Gain);
        Assert.Equal([0.5, 0.375, 0.125, 0, 0], importance.Share);
        Assert.Equal("fixed", importance.Model);

        var html = NotebookHtml.FeatureImportance(importance, new NotebookCharts());
        Assert.Contains($"{FirstCell}d</td><td>4</td><td>50.00</td>", html);
        Assert.Contains($"{FirstCell}a</td><td>1</td><td>12.50</td>", html);
        Assert.True(html.IndexOf($"{FirstCell}d<", StringComparison.Ordinal) < html.IndexOf($"{FirstCell}b<", StringComparison.Ordinal));
        Assert.Contains("Plotly.newPlot('", html);
    }

    [Fact]
    public void Feature_importance_of_a_model_without_gain_has_zero_shares_and_a_wrong_length_is_refused()
    {
        using var flat = new FixedImportance(["a", "b"], [0, 0]);
        Assert.Equal([0.0, 0], FeatureImportance.Of(flat).Share);
        using var broken = new FixedImportance(["a", "b"], [1]);
        Assert.Contains("1 importances for 2 features", Assert.Throws<ArgumentException>(() => FeatureImportance.Of(broken)).Message);
    }

    [Fact]
    public void A_trained_LightGBM_ranks_the_feature_that_decides_the_label_first_and_noise_last()
    {
        // label = x0 + 0.5 x1 > 0.25: x0 carries most of the information, x1 some, noise_a and noise_b none
        GbdtModels.Register();
        using var model = (IExplainableModel)ModelKinds.Get("lightgbm").Create(ModelTask.BinaryClassification,
            new Dictionary<string, string> { ["trees"] = "30", ["threads"] = "1", ["min_child"] = "5" }, "synthetic");
        model.Fit(SyntheticSignal.Classification(2000, seed: 1));

        var importance = FeatureImportance.Of(model);

        Assert.Equal(["x0", "x1"], importance.Features.Take(2));
        Assert.True(importance.Share[0] > 0.5, $"x0 share {importance.Share[0]:F3}");
        Assert.Equal(1.0, importance.Share.Sum(), 12);
    }

    /// <summary>A model that only reports given importances: what the formatter reads, nothing more.</summary>
    private sealed class FixedImportance(string[] names, double[] gain) : IExplainableModel
    {
        public ModelMetadata Metadata { get; } = new("fixed", ModelTask.BinaryClassification, new Dictionary<string, string>(), names, "none");
        public IReadOnlyList<double> FeatureImportance() => gain;
        public void Contributions(ModelMatrix features, Span<float> output) => throw new NotSupportedException();
        public void Fit(TrainingSet train, TrainingSet? validation = null) => throw new NotSupportedException();
        public void Predict(ModelMatrix features, Span<float> output) => throw new NotSupportedException();
        public float PredictLatest(ReadOnlySpan<float> rows) => throw new NotSupportedException();
        public void Save(string directory) => throw new NotSupportedException();
        public void Dispose() { }
    }
}
