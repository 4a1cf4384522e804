using AlgoTrading.Models;
using AlgoTrading.Models.Gbdt;
using AlgoTrading.Models.Store;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary>Staging, promotion with archiving, latest resolution, and refusal of other features or altered files.</summary>
public sealed class ModelStoreTests
{
    static ModelStoreTests() => GbdtModels.Register();

    private static (IModel Model, StoredModel Record) Trained(string id)
    {
        var model = ModelKinds.Get("lightgbm").Create(ModelTask.BinaryClassification, new Dictionary<string, string> { ["trees"] = "10", ["threads"] = "1" }, "synthetic");
        model.Fit(SyntheticSignal.Classification(300, 1));
        return (model, new StoredModel
        {
            Id = id, Kind = "lightgbm", Task = ModelTask.BinaryClassification, Market = "forex", Instrument = "EUR_USD",
            Hyperparameters = model.Metadata.Hyperparameters, FeatureSet = "synthetic", Price = "mid", FeatureNames = model.Metadata.FeatureNames,
            Label = "synthetic", TrainingRange = [DateTime.UnixEpoch, DateTime.UnixEpoch],
        });
    }

    [Fact]
    public void Promote_versions_production_and_archives_the_previous_one()
    {
        using var dir = new TempDirectory();
        var store = new ModelStore(dir.Path);
        foreach (var id in new[] { "m1", "m2" })
        {
            var (model, record) = Trained(id);
            using (model) store.Save(model, record);
        }
        Assert.True(File.Exists(Path.Combine(dir.Path, "staging", "m1", ModelStore.MetadataFile)));

        Assert.Equal(1, store.Promote("m1").Version);
        var second = store.Promote("m2");
        Assert.Equal(2, second.Version);
        Assert.Equal(Path.Combine(dir.Path, "production", "forex", "EUR_USD", "v2"), store.Resolve("production/forex/EUR_USD/latest"));
        Assert.True(Directory.Exists(Path.Combine(dir.Path, "archive", "forex", "EUR_USD", "v1")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "production", "forex", "EUR_USD", "v1")));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "staging", "m2")));
        var listed = store.List().ToDictionary(m => m.Id);
        Assert.Equal("archive", listed["m1"].Stage);
        Assert.Equal("production", listed["m2"].Stage);

        var (loaded, stored) = store.Load("production/forex/EUR_USD/latest", SyntheticSignal.Columns);
        using (loaded) Assert.Equal("m2", stored.Id);
        Assert.Contains("no staged model 'm9'", Assert.Throws<ModelInputException>(() => store.Promote("m9")).Message);
    }

    [Fact]
    public void Loading_refuses_another_feature_set_and_an_altered_file()
    {
        using var dir = new TempDirectory();
        var store = new ModelStore(dir.Path);
        var (model, record) = Trained("m1");
        using (model) store.Save(model, record);

        var e = Assert.Throws<ModelInputException>(() => store.Load("m1", ["x0", "x1", "rsi_14", "noise_b"]));
        Assert.Contains("'rsi_14'", e.Message);
        Assert.Contains("feature set 'synthetic'", e.Message);

        File.AppendAllText(Path.Combine(dir.Path, "staging", "m1", "model.txt"), "tampered");
        Assert.Contains("corrupted", Assert.Throws<ModelInputException>(() => store.Load("m1")).Message);
    }

    [Fact]
    public void An_undefined_metric_is_saved_as_NaN_and_read_back()
    {
        using var dir = new TempDirectory();
        var store = new ModelStore(dir.Path);
        var (model, record) = Trained("m1");
        using (model) store.Save(model, record with { Metrics = new Dictionary<string, double> { ["oos_auc"] = double.NaN, ["oos_brier"] = 0.25 } });
        var listed = Assert.Single(store.List());
        Assert.True(double.IsNaN(listed.Metrics["oos_auc"]));
        Assert.Equal(0.25, listed.Metrics["oos_brier"]);
        Assert.Contains("\"oos_auc\": \"NaN\"", File.ReadAllText(Path.Combine(dir.Path, "staging", "m1", ModelStore.MetadataFile)));
    }

    [Fact]
    public void A_failed_save_leaves_nothing_behind()
    {
        using var dir = new TempDirectory();
        var store = new ModelStore(dir.Path);
        var (model, record) = Trained("m1");
        model.Dispose();
        using var untrained = ModelKinds.Get("lightgbm").Create(ModelTask.BinaryClassification, new Dictionary<string, string>(), "x");
        Assert.ThrowsAny<Exception>(() => store.Save(untrained, record));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(dir.Path, "staging")));
        Assert.Empty(store.List());
    }
}
