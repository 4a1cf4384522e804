using AlgoTrading.Models;
using AlgoTrading.Models.Ensembles;
using AlgoTrading.Models.Gbdt;
using AlgoTrading.Models.Validation;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary>Averaging and stacking over registered kinds: learn the known rule, combine as documented, round-trip exactly.</summary>
public sealed class EnsembleTests
{
    static EnsembleTests() => GbdtModels.Register();

    private static Dictionary<string, string> Parameters(string method) => new()
    {
        ["members"] = "lightgbm,xgboost", ["method"] = method, ["weights"] = "3,1", ["folds"] = "3",
        ["0.lightgbm.trees"] = "30", ["0.lightgbm.threads"] = "1", ["1.xgboost.trees"] = "30", ["1.xgboost.threads"] = "1",
    };

    [Theory]
    [InlineData("average")]
    [InlineData("stacking")]
    public void Learns_and_round_trips(string method)
    {
        using var model = ModelKinds.Get("ensemble").Create(ModelTask.BinaryClassification, Parameters(method), "synthetic");
        model.Fit(SyntheticSignal.Classification(1200, 1));
        var test = SyntheticSignal.Classification(500, 3);
        var p = new float[test.Rows];
        model.Predict(test.Features, p);
        Assert.True(ClassificationMetrics.Auc(p, test.Labels) > 0.9);

        using var dir = new TempDirectory();
        model.Save(dir.Path);
        using var loaded = ModelKinds.Get("ensemble").Load(dir.Path, model.Metadata);
        var q = new float[test.Rows];
        loaded.Predict(test.Features, q);
        Assert.Equal(p, q);
        Assert.Equal(p[7], loaded.PredictLatest(test.Features.Row(7)), 6);
        if (method == "stacking")
            Assert.All(((EnsembleModel)model).StackerCoefficients.Skip(1), c => Assert.True(c > 0, $"member coefficient {c}")); // both members carry the signal
    }

    /// <summary>
    /// Stacking's out-of-fold predictions on a label built to leak (<see cref="ModelLeakingLabel"/>; the member a
    /// memoriser). The old split, contiguous blocks that know nothing of label windows (no label end times, gap 0),
    /// lets the neighbours of each block train and scores far above chance; purged on the label end times and
    /// embargoed, it is chance.
    /// </summary>
    [Fact]
    public void Stacking_out_of_fold_predictions_are_purged_on_label_end_times()
    {
        ModelMemoriser.Register();
        var set = ModelLeakingLabel.WithoutEnds();

        double OutOfFoldAuc(TrainingSet rows, int embargo)
        {
            var parameters = new Dictionary<string, string> { ["members"] = ModelMemoriser.Kind, ["method"] = "stacking", ["folds"] = "40", ["embargo"] = $"{embargo}" };
            using var ensemble = (EnsembleModel)ModelKinds.Get("ensemble").Create(ModelTask.BinaryClassification, parameters, "leaky");
            return ClassificationMetrics.Auc(ensemble.OutOfFold(rows)[0], rows.Labels);
        }

        double old = OutOfFoldAuc(set, 0);
        double purged = OutOfFoldAuc(set with { LabelEnd = ModelLeakingLabel.Ends(set) }, ModelLeakingLabel.Horizon);
        Assert.True(old > 0.65, $"old split AUC {old:F3}");
        Assert.InRange(purged, 0.35, 0.62);
    }

    [Fact]
    public void Average_is_the_weighted_mean_of_the_members()
    {
        var train = SyntheticSignal.Classification(600, 1);
        var test = SyntheticSignal.Features(50, 4);
        using var ensemble = ModelKinds.Get("ensemble").Create(ModelTask.BinaryClassification, Parameters("average"), "synthetic");
        ensemble.Fit(train);
        using var a = ModelKinds.Get("lightgbm").Create(ModelTask.BinaryClassification, new Dictionary<string, string> { ["trees"] = "30", ["threads"] = "1" }, "synthetic");
        using var b = ModelKinds.Get("xgboost").Create(ModelTask.BinaryClassification, new Dictionary<string, string> { ["trees"] = "30", ["threads"] = "1" }, "synthetic");
        a.Fit(train);
        b.Fit(train);
        var (pe, pa, pb) = (new float[50], new float[50], new float[50]);
        ensemble.Predict(test, pe);
        a.Predict(test, pa);
        b.Predict(test, pb);
        for (int i = 0; i < 50; i++) Assert.Equal(0.75 * pa[i] + 0.25 * pb[i], pe[i], 5);
    }

    [Fact]
    public void Bad_members_are_one_line()
    {
        Assert.Contains("members=", Assert.Throws<ModelInputException>(() => ModelKinds.Get("ensemble").Create(ModelTask.BinaryClassification, new Dictionary<string, string>(), "x")).Message);
        var p = Parameters("average");
        p["weights"] = "1";
        Assert.Contains("1 weights for 2 members", Assert.Throws<ModelInputException>(() => ModelKinds.Get("ensemble").Create(ModelTask.BinaryClassification, p, "x")).Message);
    }
}
