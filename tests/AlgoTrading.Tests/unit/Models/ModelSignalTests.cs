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

        using var signal = Strategies.Signals.ModelSignal.Load(dir.Path, "m", longThreshold: 0.55, shortThreshold: 0.45, featureSets: n => AlgoTrading.Configuration.FeatureSetResolver.Resolve(n));
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
        var e = Assert.Throws<ModelInputException>(() => Strategies.Signals.ModelSignal.Load(dir.Path, "m", 0.55, 0.45, n => AlgoTrading.Configuration.FeatureSetResolver.Resolve(n)));
        Assert.Contains("'sma_20'", e.Message);
    }
}

/// <summary>Confidence sizing: the model signal's scale and the sizer that applies it, by hand.</summary>
public sealed class ModelConfidenceSizingTests
{
    /// <summary>Always predicts the same value.</summary>
    private sealed class Constant(float value, IReadOnlyList<string> columns) : IModel
    {
        public ModelMetadata Metadata { get; } = new("constant", ModelTask.BinaryClassification, new Dictionary<string, string>(), columns, "x");
        public void Fit(TrainingSet train, TrainingSet? validation = null) { }
        public void Predict(ModelMatrix features, Span<float> output) => output.Fill(value);
        public float PredictLatest(ReadOnlySpan<float> rows) => value;
        public void Save(string directory) { }
        public void Dispose() { }
    }

    [Theory]
    [InlineData(0.8f, 1, 0.75)]  // (0.8 − 0.6) / (1 − 0.6) = 0.5 past the long threshold → 0.5 + 0.25
    [InlineData(0.1f, -1, 0.875)] // (0.4 − 0.1) / 0.4 = 0.75 past the short threshold → 0.5 + 0.375
    [InlineData(0.5f, 0, 1.0)]   // flat
    public void Confidence_grows_past_the_threshold(float p, int direction, double confidence)
    {
        var set = FeatureSetCompiler.Compile("classic", BuiltInFeatureSets.Classic);
        using var signal = new Strategies.Signals.ModelSignal(new Constant(p, set.Columns), set, longThreshold: 0.6, shortThreshold: 0.4);
        int? last = null;
        for (int i = 0; i < 80; i++)
        {
            double c = 100 + 5 * Math.Sin(i / 5.0);
            last = signal.Update(new BarInput(Utc(2024, 1, 1).AddHours(i).Ticks, c, c + 1, c - 1, c + 0.5, 0)) ?? last;
        }
        Assert.Equal(direction == 0 ? null : direction, last);
        Assert.Equal(confidence, signal.Confidence, 6);
    }

    [Fact]
    public void The_sizer_scales_and_rounds_down()
    {
        var sizer = new ConfidenceScaledSizer(new FixedUnits(10_000), () => 0.75);
        var instrument = new InstrumentContext("EUR_USD", 0.0001, 1, 1000);
        Assert.Equal(7000, sizer.Units(1.1, double.NaN, default, instrument)); // 7,500 rounded down to the 1,000-unit step
    }
}
