using AlgoTrading.Data.Loaders;
using AlgoTrading.Domain;
using AlgoTrading.Features.Labels;
using AlgoTrading.Features.Sets;

namespace AlgoTrading.Models.Torch.Tests.Integration;

/// <summary>The whole path on real EUR/USD hours: bars → classic features → ModelMatrix (warm-up dropped) → LSTM.</summary>
public sealed class RealDataTests
{
    [Fact]
    public async Task An_LSTM_trains_on_real_features_and_truncating_the_future_leaves_past_predictions_unchanged()
    {
        var bars = (await MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/hour/eurusd_hour_quote.csv"))).Bars!;
        var features = FeatureSetCompiler.Compile("classic", BuiltInFeatureSets.Classic).Compute(bars);
        var labels = ForwardReturnLabels.Direction(bars.TimeTicks, bars.Prices(PriceSource.Mid).Close, horizon: 12, threshold: 0);
        var matrix = ModelMatrix.FromFeatures(features);
        Assert.True(matrix.WarmUpRowsDropped > 0);

        const int rows = 1200; // a slice keeps CI fast; labels at these rows are all defined
        var train = new TrainingSet(matrix.Slice(0, rows),
            Enumerable.Range(matrix.WarmUpRowsDropped, rows).Select(r => labels.Values[r] > 0 ? 1f : 0f).ToArray()); // up vs not up
        var settings = SyntheticSequences.FastSettings(maxEpochs: 2);
        settings["sequence_length"] = "16";
        using var model = TorchSetup.Create("lstm", settings);
        model.Fit(train);

        var later = matrix.Slice(rows, 400);
        var full = new float[later.Rows];
        model.Predict(later, full);
        var truncated = new float[250];
        model.Predict(later.Slice(0, 250), truncated);

        Assert.All(full.Take(15), p => Assert.True(float.IsNaN(p)));
        Assert.All(full.Skip(15), p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(full.AsSpan(0, 250).ToArray(), truncated);
    }
}
