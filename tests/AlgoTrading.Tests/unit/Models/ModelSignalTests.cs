using AlgoTrading.Features.Labels;
using AlgoTrading.Features.Sets;
using AlgoTrading.Models;
using AlgoTrading.Models.Gbdt;
using AlgoTrading.Models.Store;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary>The model signal computes features bar by bar exactly as the batch path the model was trained on, and maps probabilities by its thresholds.</summary>
public sealed class ModelSignalTests
{
    static ModelSignalTests() => GbdtModels.Register();

    [Fact]
    public async Task Streaming_predictions_equal_batch_predictions_and_thresholds_map_them()
    {
        var all = (await Data.Loaders.MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv"))).Bars!;
        var b = new BarSeriesBuilder(all.Kind, 600);
        for (int i = 0; i < 600; i++) b.AddFrom(all, i);
        var bars = b.Build(all.Instrument, all.Period);

        var set = FeatureSetCompiler.Compile("classic", BuiltInFeatureSets.Classic);
        var features = set.Compute(bars);
        var data = LabeledData.Create(features, LabelSpec.Parse("direction:horizon=5").Compute(bars, PriceSource.Mid));
        using var dir = new TempDirectory();
        var store = new ModelStore(dir.Path);
        using (var model = ModelKinds.Get("lightgbm").Create(ModelTask.BinaryClassification, new Dictionary<string, string> { ["trees"] = "30", ["threads"] = "1" }, "direction"))
        {
            model.Fit(data.Set);
            store.Save(model, new StoredModel
            {
                Id = "m", Kind = "lightgbm", Task = ModelTask.BinaryClassification, Market = "forex", Instrument = "EUR_USD", Hyperparameters = model.Metadata.Hyperparameters,
                FeatureSet = "classic", Price = "mid", FeatureNames = model.Metadata.FeatureNames, Label = "direction", TrainingRange = [DateTime.UnixEpoch, DateTime.UnixEpoch],
            });
        }

        var matrix = ModelMatrix.FromFeatures(features);
        var (loaded, _) = store.Load("m");
        var batch = new float[matrix.Rows];
        using (loaded) loaded.Predict(matrix, batch);

        using var signal = Strategies.Signals.ModelSignal.Load(dir.Path, "m", longThreshold: 0.55, shortThreshold: 0.45);
        var mid = bars.Prices(PriceSource.Mid);
        int state = 0, compared = 0;
        for (int i = 0; i < bars.Count; i++)
        {
            int? d = signal.Update(new BarInput(bars.TimeTicks[i], mid.Open[i], mid.High[i], mid.Low[i], mid.Close[i], 0));
            int row = i - matrix.WarmUpRowsDropped;
            if (row < 0) { Assert.True(double.IsNaN(signal.LastPrediction)); Assert.Null(d); continue; }
            Assert.Equal(batch[row], signal.LastPrediction, 6);
            int expected = batch[row] >= 0.55f ? 1 : batch[row] <= 0.45f ? -1 : 0;
            if (expected != state) { Assert.Equal(expected, d); state = expected; } else Assert.Null(d);
            compared++;
        }
        Assert.Equal(matrix.Rows, compared);
    }

    [Fact]
    public void A_model_from_another_feature_set_is_refused()
    {
        using var dir = new TempDirectory();
        var store = new ModelStore(dir.Path);
        using (var model = ModelKinds.Get("lightgbm").Create(ModelTask.BinaryClassification, new Dictionary<string, string> { ["trees"] = "5" }, "x"))
        {
            model.Fit(SyntheticSignal.Classification(200, 1));
            // The metadata claims the classic set, but the model was trained on other columns.
            store.Save(model, new StoredModel
            {
                Id = "m", Kind = "lightgbm", Task = ModelTask.BinaryClassification, Market = "forex", Instrument = "EUR_USD", Hyperparameters = model.Metadata.Hyperparameters,
                FeatureSet = "classic", Price = "mid", FeatureNames = model.Metadata.FeatureNames, Label = "x", TrainingRange = [DateTime.UnixEpoch, DateTime.UnixEpoch],
            });
        }
        var e = Assert.Throws<ModelInputException>(() => Strategies.Signals.ModelSignal.Load(dir.Path, "m", 0.55, 0.45));
        Assert.Contains("'sma_20'", e.Message);
    }
}
