using AlgoTrading.Features.Labels;
using AlgoTrading.Features.Sets;
using AlgoTrading.Models;
using AlgoTrading.Models.Gbdt;
using AlgoTrading.Models.Validation;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary>The retraining signal a walk-forward backtest runs predicts exactly what the batch walk-forward predicts on the same bars.</summary>
public sealed class WalkForwardModelSignalTests
{
    static WalkForwardModelSignalTests() => GbdtModels.Register();

    [Fact]
    public async Task Streaming_retraining_equals_the_batch_walk_forward()
    {
        var all = (await Data.Loaders.MarketDataReader.LoadAsync(SharedData.Market("equity/usa/daily/spy_daily_trade.csv"))).Bars!;
        var b = new BarSeriesBuilder(all.Kind, 520);
        for (int i = 0; i < 520; i++) b.AddFrom(all, i);
        var bars = b.Build(all.Instrument, all.Period);
        var set = FeatureSetCompiler.Compile("classic", new FeatureSetSpec { Price = PriceSource.Trade, Indicators = BuiltInFeatureSets.Classic.Indicators });
        var label = LabelSpec.Parse("direction:horizon=5");
        var p = new Dictionary<string, string> { ["trees"] = "10", ["threads"] = "1", ["min_child"] = "5" };
        IModel Create() => ModelKinds.Get("lightgbm").Create(ModelTask.BinaryClassification, p, label.Definition);

        var batch = WalkForwardPredictions.Run(set.Compute(bars), label.Compute(bars, PriceSource.Trade), Create, train: 200, step: 100);
        var signal = new Strategies.Signals.WalkForwardModelSignal(set, label, Create, 200, 100, 0.55, 0.45);
        var t = bars.Prices(PriceSource.Trade);
        int compared = 0;
        for (int i = 0; i < bars.Count; i++)
        {
            signal.Update(new BarInput(bars.TimeTicks[i], t.Open[i], t.High[i], t.Low[i], t.Close[i], bars.Volume[i]));
            if (double.IsNaN(batch[i])) { Assert.True(double.IsNaN(signal.LastPrediction), $"bar {i}"); continue; }
            Assert.Equal(batch[i], signal.LastPrediction, 6);
            compared++;
        }
        Assert.Equal(3, signal.Retrains);
        Assert.True(compared > 250);
    }
}
