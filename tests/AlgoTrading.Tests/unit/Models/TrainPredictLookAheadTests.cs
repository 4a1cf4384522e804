using AlgoTrading.Configuration;
using AlgoTrading.Features.Labels;
using AlgoTrading.Features.Sets;
using AlgoTrading.Features.Validation;
using AlgoTrading.Models;
using AlgoTrading.Models.Gbdt;
using AlgoTrading.Models.Validation;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary>
/// The whole train-and-predict path (features, label, walk-forward retraining with the purge,
/// LightGBM) run through the look-ahead probe: truncating or perturbing the future must not change
/// any earlier out-of-sample prediction. A control with the purge defeated must be caught.
/// </summary>
public sealed class TrainPredictLookAheadTests
{
    static TrainPredictLookAheadTests() => GbdtModels.Register();

    private static BarSeries Bars()
    {
        var data = Data.Loaders.MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/daily/eurusd_daily_quote.csv")).GetAwaiter().GetResult();
        var bars = data.Bars!;
        var b = new BarSeriesBuilder(bars.Kind, 700);
        for (int i = 0; i < 700; i++) b.AddFrom(bars, i);
        return b.Build(bars.Instrument, bars.Period);
    }

    private static FeatureMatrix Predictions(BarSeries bars, bool purge)
    {
        var set = FeatureSetCompiler.Compile("classic", BuiltInFeatureSets.Classic);
        var labels = LabelSpec.Parse("direction:horizon=5,threshold=0").Compute(bars, PriceSource.Mid);
        if (!purge) labels = labels with { EndTime = labels.EndTime.Select((e, i) => e == long.MaxValue ? e : labels.Time[i]).ToArray() };
        var p = new Dictionary<string, string> { ["trees"] = "15", ["threads"] = "1", ["min_child"] = "5", ["learning_rate"] = "0.3" };
        var predictions = WalkForwardPredictions.Run(set.Compute(bars), labels,
            () => ModelKinds.Get("lightgbm").Create(ModelTask.BinaryClassification, p, labels.Name), train: 300, step: 100);
        return new FeatureMatrix(bars.TimeTicks.ToArray(), ["prediction"], predictions);
    }

    [Fact]
    public void Future_bars_do_not_change_past_out_of_sample_predictions()
    {
        var bars = Bars();
        // classic warms up over 33 bars, so blocks start at bars 333, 433, 533, …: cut at a block's start and inside one.
        var cuts = new[] { 334, 434, 480 };
        Assert.Null(LookAheadProbe.Check(b => Predictions(b, purge: true), bars, cuts));
        var predicted = Predictions(bars, purge: true).Values;
        Assert.True(predicted.Count(double.IsFinite) > 300);
    }

    [Fact]
    public void Without_the_purge_the_probe_catches_the_leak()
    {
        // Labels that claim to be known at their own bar let the last rows before a block train on
        // bars inside it; changing those bars then changes the block's predictions.
        var violation = LookAheadProbe.Check(b => Predictions(b, purge: false), Bars(), [434]);
        Assert.NotNull(violation);
    }
}
