using AlgoTrading.Data.Loaders;
using AlgoTrading.Tests.Support;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit;

/// <summary>Streaming equals batch, no look-ahead, and the indicators without a reference file against loops written here.</summary>
public class IndicatorFacesTests
{
    public static TheoryData<string> Names => new(IndicatorCatalog.All.Select(d => d.Name));

    private static async Task<BarSeries> RealHours(int rows = 3000)
    {
        var all = (await MarketDataReader.LoadAsync(SharedData.Market("forex/oanda/hour/eurusd_hour_quote.csv"))).Bars!;
        var b = new BarSeriesBuilder(BarKind.Quote, rows);
        for (int i = 0; i < rows; i++) b.AddFrom(all, i);
        return b.Build("EUR_USD", BarPeriod.H1);
    }

    private static BarSeries WithVolume(BarSeries quotes)
    {
        // FX has no volume; give the bars a deterministic one so volume indicators are exercised.
        var mid = quotes.Prices(PriceSource.Mid);
        var b = new BarSeriesBuilder(BarKind.Trade, quotes.Count);
        for (int i = 0; i < quotes.Count; i++)
            b.AddTrade(quotes.TimeTicks[i], mid.Open[i], mid.High[i], mid.Low[i], mid.Close[i], 1000 + (i * 7919 % 5000));
        return b.Build(quotes.Instrument, quotes.Period);
    }

    private static double[] Batch(IIndicatorRunner runner, BarSeries bars)
    {
        var output = new double[bars.Count * runner.OutputNames.Count];
        runner.RunBatch(BarColumns.Of(bars, PriceSource.Trade), output, bars.Count);
        return output;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Streaming_face_equals_batch_face_on_real_data(string name)
    {
        var bars = WithVolume(await RealHours());
        var runner = IndicatorCatalog.Create(name);
        var batch = Batch(runner, bars);
        var live = runner.CreateStreaming();
        var p = bars.Trade!;
        int n = bars.Count, k = runner.OutputNames.Count;
        for (int i = 0; i < n; i++)
        {
            live.Update(new BarInput(bars.TimeTicks[i], p.Open[i], p.High[i], p.Low[i], p.Close[i], bars.Volume[i]));
            for (int j = 0; j < k; j++)
            {
                double a = live.Values[j], b = batch[j * n + i];
                Assert.True(double.IsNaN(a) == double.IsNaN(b) && (double.IsNaN(a) || Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b))),
                    $"{runner.OutputNames[j]} row {i}: streaming {a}, batch {b}");
            }
            Assert.Equal(i >= runner.WarmUp, live.IsReady);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Changing_the_future_leaves_the_past_unchanged(string name)
    {
        var bars = WithVolume(await RealHours(1500));
        var runner = IndicatorCatalog.Create(name);
        var original = Batch(runner, bars);
        // Scramble every bar after the cut: prices scaled and volume changed.
        int cut = 900, n = bars.Count;
        var p = bars.Trade!;
        var b = new BarSeriesBuilder(BarKind.Trade, n);
        for (int i = 0; i < n; i++)
        {
            bool future = i > cut;
            double f = future ? 1.0 + 0.05 * Math.Sin(i) : 1.0;
            b.AddTrade(bars.TimeTicks[i], p.Open[i] * f, p.High[i] * f * (future ? 1.01 : 1), p.Low[i] * f * (future ? 0.99 : 1), p.Close[i] * f, bars.Volume[i] * (future ? 3 : 1));
        }
        var changed = Batch(runner, b.Build("EUR_USD", BarPeriod.H1));
        for (int j = 0; j < runner.OutputNames.Count; j++)
            for (int i = 0; i <= cut; i++)
                Assert.Equal(original[j * n + i], changed[j * n + i]);
        Assert.NotEqual(original.AsSpan((runner.OutputNames.Count - 1) * n + cut + 5, 50).ToArray(), changed.AsSpan((runner.OutputNames.Count - 1) * n + cut + 5, 50).ToArray());
    }

    [Fact]
    public async Task Standard_deviation_equals_a_two_pass_population_formula()
    {
        var close = (await RealHours()).Prices(PriceSource.Mid).Close.ToArray();
        var actual = IndicatorBatch.Compute(new StandardDeviation(20), close);
        for (int i = 0; i < close.Length; i++)
        {
            if (i < 19) { Assert.True(double.IsNaN(actual[i])); continue; }
            var w = close[(i - 19)..(i + 1)];
            double mean = w.Average(), sd = Math.Sqrt(w.Sum(x => (x - mean) * (x - mean)) / 20);
            Assert.True(Math.Abs(actual[i] - sd) < 1e-10, $"row {i}: {sd} vs {actual[i]}");
        }
    }

    [Fact]
    public void Running_sums_stay_exact_over_a_million_updates()
    {
        // A drifting running sum would show here: FX-like prices with tiny variance over 1M bars.
        var rng = new Random(3);
        var x = new double[1_000_000];
        double p = 1.1;
        for (int i = 0; i < x.Length; i++) { p += (rng.NextDouble() - 0.5) * 1e-4; x[i] = p; }
        var sma = IndicatorBatch.Compute(new SimpleMovingAverage(50), x);
        var sd = IndicatorBatch.Compute(new StandardDeviation(50), x);
        var wma = IndicatorBatch.Compute(new WeightedMovingAverage(50), x);
        int last = x.Length - 1;
        var w = x[(last - 49)..];
        double mean = w.Average();
        Assert.True(Math.Abs(sma[last] - mean) < 1e-13);
        Assert.True(Math.Abs(sd[last] - Math.Sqrt(w.Sum(v => (v - mean) * (v - mean)) / 50)) < 1e-9);
        Assert.True(Math.Abs(wma[last] - w.Select((v, k) => v * (k + 1)).Sum() / (50 * 51 / 2.0)) < 1e-12);
    }

    [Fact]
    public void Session_vwap_resets_at_17_New_York_and_weights_by_volume()
    {
        // Three H1 bars: two in the trading day that ends 17:00 EST (22:00 UTC), one after it.
        var t0 = new DateTime(2024, 1, 3, 20, 0, 0, DateTimeKind.Utc).Ticks;
        var h = TimeSpan.TicksPerHour;
        var bars = new BarColumns([t0, t0 + h, t0 + 2 * h], [1, 1, 1], [12, 14, 30], [9, 10, 27], [12, 12, 30], [100, 300, 50]);
        var vwap = IndicatorBatch.Compute(new SessionVwap(TradingSession.Forex), bars);
        double tp1 = (12 + 9 + 12) / 3.0, tp2 = (14 + 10 + 12) / 3.0, tp3 = (30 + 27 + 30) / 3.0;
        Assert.Equal(tp1, vwap[0], 12);
        Assert.Equal((tp1 * 100 + tp2 * 300) / 400, vwap[1], 12);
        Assert.Equal(tp3, vwap[2], 12); // 22:00 UTC starts a new FX day
        // No volume (quote bars): equal weights.
        var noVolume = IndicatorBatch.Compute(new SessionVwap(TradingSession.Forex), new BarColumns([t0, t0 + h], [1, 1], [12, 14], [9, 10], [12, 12], [0, 0]));
        Assert.Equal((tp1 + tp2) / 2, noVolume[1], 12);
    }

    [Fact]
    public void Rolling_extremum_equals_a_naive_window_scan()
    {
        var rng = new Random(5);
        var x = Enumerable.Range(0, 2000).Select(_ => Math.Round(rng.NextDouble() * 10, 1)).ToArray(); // many ties
        var max = new RollingExtremum(7, max: true);
        var min = new RollingExtremum(7, max: false);
        for (int i = 0; i < x.Length; i++)
        {
            var w = x[Math.Max(0, i - 6)..(i + 1)];
            Assert.Equal(w.Max(), max.Push(x[i]));
            Assert.Equal(w.Min(), min.Push(x[i]));
        }
    }

    [Fact]
    public void Catalog_names_columns_with_their_parameters_and_rejects_bad_input()
    {
        Assert.Equal(["macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9"], IndicatorCatalog.Create("macd").OutputNames);
        Assert.Equal(["bb_upper_20_2", "bb_middle_20_2", "bb_lower_20_2"], IndicatorCatalog.Create("bb", [20, 2]).OutputNames);
        Assert.Equal(["sar_0.02_0.2"], IndicatorCatalog.Create("sar").OutputNames);
        Assert.Contains("unknown indicator 'smaa'", Assert.Throws<ArgumentException>(() => IndicatorCatalog.Create("smaa")).Message);
        Assert.Contains("whole number", Assert.Throws<ArgumentException>(() => IndicatorCatalog.Create("sma", [2.5])).Message);
        Assert.Contains("at most 1", Assert.Throws<ArgumentException>(() => IndicatorCatalog.Create("rsi", [14, 3])).Message);
    }
}
