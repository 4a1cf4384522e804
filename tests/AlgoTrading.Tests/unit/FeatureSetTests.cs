using AlgoTrading.Configuration;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Features.Sets;
using AlgoTrading.Features.Validation;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

public class FeatureSetTests
{
    private static readonly string[] ClassicColumns =
    [
        "sma_20", "ema_20", "wma_20", "rsi_14", "atr_14", "natr_14", "macd_12_26_9", "macd_signal_12_26_9", "macd_hist_12_26_9",
        "bb_upper_20_2", "bb_middle_20_2", "bb_lower_20_2", "stoch_k_14_3_3", "stoch_d_14_3_3", "adx_14", "plus_di_14", "minus_di_14",
        "cci_20", "willr_14", "roc_10", "mom_10", "stddev_20",
    ];

    private static async Task<BarSeries> Hours(string file = "forex/oanda/hour/eurusd_hour_quote.csv", int rows = 2000)
    {
        var all = (await MarketDataReader.LoadAsync(SharedData.Market(file))).Bars!;
        var b = new BarSeriesBuilder(all.Kind, rows);
        for (int i = 0; i < rows; i++) b.AddFrom(all, i);
        return b.Build(all.Instrument, all.Period);
    }

    [Fact]
    public void Classic_set_has_exactly_the_contracted_columns()
    {
        var set = FeatureSetCompiler.Compile("classic", BuiltInFeatureSets.Classic);
        Assert.Equal(ClassicColumns, set.Columns);
    }

    public static TheoryData<string> BuiltIns => new(BuiltInFeatureSets.Names);

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public async Task Every_built_in_set_passes_the_look_ahead_probe(string name)
    {
        var bars = await Hours(rows: 1200);
        var set = FeatureSetCompiler.Compile(name, BuiltInFeatureSets.Find(name)!);
        Assert.Null(LookAheadProbe.Check(set.Compute, bars));
    }

    [Fact]
    public async Task The_probe_catches_a_centred_average_and_names_column_and_time()
    {
        var bars = await Hours(rows: 300);
        // A centred 5-bar average peeks two bars ahead.
        FeatureMatrix Leaky(BarSeries b)
        {
            var c = b.Prices(PriceSource.Mid).Close;
            var v = new double[b.Count];
            for (int i = 0; i < b.Count; i++) v[i] = i >= 2 && i + 2 < b.Count ? (c[i - 2] + c[i - 1] + c[i] + c[i + 1] + c[i + 2]) / 5 : double.NaN;
            return new FeatureMatrix(b.TimeTicks.ToArray(), ["centred_sma_5"], v);
        }
        var violation = LookAheadProbe.Check(Leaky, bars);
        Assert.NotNull(violation);
        Assert.Equal("centred_sma_5", violation.Column);
        Assert.Equal(bars.TimeAt(bars.Count / 3 - 1), violation.Time); // the first value that needs a bar after the cut
        Assert.Contains("centred_sma_5", violation.ToString());
    }

    [Fact]
    public async Task Stream_produces_the_same_rows_as_batch()
    {
        var bars = await Hours(rows: 1500);
        var set = FeatureSetCompiler.Compile("market_state", BuiltInFeatureSets.MarketState);
        var batch = set.Compute(bars);
        var stream = set.CreateStream();
        for (int i = 0; i < bars.Count; i++)
        {
            var row = stream.Update(FeatureStream.BarOf(bars, set.Spec.Price, i));
            for (int c = 0; c < set.Columns.Count; c++)
            {
                double a = row[c], b = batch[i, c];
                Assert.True(a.Equals(b) || Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b)), $"{set.Columns[c]} row {i}: stream {a}, batch {b}");
            }
        }
    }

    [Fact]
    public void Returns_lags_and_rolling_statistics_by_hand()
    {
        var bars = Trade(BarPeriod.H1, Enumerable.Range(0, 6).Select(i => (Utc(2024, 1, 3, i), 1.0, 1.0, 1.0, new[] { 100.0, 110, 99, 99, 121, 110 }[i])).ToArray());
        var spec = new FeatureSetSpec
        {
            Price = PriceSource.Trade,
            Returns = new ReturnSpec { Kind = ReturnKind.Simple, Horizons = [1, 2] },
            Lags = [new LagSpec { Column = "return_simple_1", Lags = [1] }],
            Rolling = [new RollingSpec { Column = "return_simple_1", Window = 3, Stats = [RollingStatistic.Mean, RollingStatistic.Max, RollingStatistic.Rank, RollingStatistic.Zscore] }],
        };
        var m = FeatureSetCompiler.Compile("hand", spec).Compute(bars);
        Assert.Equal(new[] { double.NaN, 0.1, -0.1, 0, 22.0 / 99, -1.0 / 11 }, m.Column("return_simple_1").ToArray(), new Tolerance(1e-12));
        Assert.Equal(new[] { double.NaN, double.NaN, -0.01, -0.1, 22.0 / 99, 110.0 / 99 - 1 }, m.Column("return_simple_2").ToArray(), new Tolerance(1e-12));
        Assert.Equal(new[] { double.NaN, double.NaN, 0.1, -0.1, 0 }, m.Column("return_simple_1_lag_1").ToArray()[..5], new Tolerance(1e-12));
        // Window of returns at row 3: 0.1, -0.1, 0 -> mean 0, max 0.1, rank of 0 = 2/3, zscore 0.
        Assert.Equal(0, m.Column("return_simple_1_mean_3")[3], 12);
        Assert.Equal(0.1, m.Column("return_simple_1_max_3")[3], 12);
        Assert.Equal(2.0 / 3, m.Column("return_simple_1_rank_3")[3], 12);
        Assert.Equal(0, m.Column("return_simple_1_zscore_3")[3], 12);
        Assert.True(double.IsNaN(m.Column("return_simple_1_mean_3")[2])); // only two returns so far
    }

    [Fact]
    public void Calendar_flags_follow_each_sessions_own_clock()
    {
        // 2024-03-11 07:30 UTC: London 07:30 GMT (closed), New York (EDT since the 10th) 03:30, Tokyo 16:30 (open).
        // 2024-03-11 12:30 UTC: London 12:30 (open), New York 08:30 EDT (open), Tokyo 21:30 (closed).
        var bars = Trade(BarPeriod.H1, (Utc(2024, 3, 11, 7, 30), 1, 1, 1, 1), (Utc(2024, 3, 11, 12, 30), 1, 1, 1, 1), (Utc(2024, 3, 16, 12, 30), 1, 1, 1, 1));
        var spec = new FeatureSetSpec { Price = PriceSource.Trade, Calendar = ["hour", "weekday", "session_tokyo", "session_london", "session_new_york"] };
        var m = FeatureSetCompiler.Compile("cal", spec).Compute(bars);
        Assert.Equal([7.0, 12, 12], m.Column("hour").ToArray());
        Assert.Equal([0.0, 0, 5], m.Column("weekday").ToArray()); // Monday, Monday, Saturday
        Assert.Equal([1.0, 0, 0], m.Column("session_tokyo").ToArray());
        Assert.Equal([0.0, 1, 0], m.Column("session_london").ToArray());
        Assert.Equal([0.0, 1, 0], m.Column("session_new_york").ToArray());
    }

    [Fact]
    public void Cross_instrument_features_use_only_bars_closed_by_the_bar_close()
    {
        // Primary H1 bars at 10:00 and 11:00 (close 11:00, 12:00). Other M30 bars at 10:00 .. 11:30 (closes 10:30 .. 12:00).
        var primary = Trade(BarPeriod.H1, (Utc(2024, 1, 3, 10), 1, 1, 1, 1), (Utc(2024, 1, 3, 11), 1, 1, 1, 1));
        var other = Trade(new BarPeriod(PeriodUnit.Minute, 30), (Utc(2024, 1, 3, 10), 1, 1, 1, 100), (Utc(2024, 1, 3, 10, 30), 1, 1, 1, 110),
            (Utc(2024, 1, 3, 11), 1, 1, 1, 121), (Utc(2024, 1, 3, 11, 30), 1, 1, 1, 99));
        var spec = new FeatureSetSpec { Price = PriceSource.Trade, Cross = [new CrossSpec { Instrument = "GBP_USD", Kind = ReturnKind.Simple, Horizons = [1] }] };
        var m = FeatureSetCompiler.Compile("x", spec, others: new Dictionary<string, BarSeries> { ["GBP_USD"] = other }).Compute(primary);
        // At the 10:00 bar (closes 11:00) the other's bars closed by then are 10:00 and 10:30: 110/100 − 1.
        Assert.Equal(0.1, m.Column("gbp_usd_return_simple_1")[0], 12);
        // At the 11:00 bar (closes 12:00) all four have closed: 99/121 − 1.
        Assert.Equal(99.0 / 121 - 1, m.Column("gbp_usd_return_simple_1")[1], 12);
    }

    [Fact]
    public void Compiler_errors_name_the_set_and_the_entry()
    {
        Assert.Contains("feature set 'bad': rolling[0] refers to column 'rsi_99'",
            Assert.Throws<ArgumentException>(() => FeatureSetCompiler.Compile("bad", new FeatureSetSpec { Indicators = [new() { Name = "rsi" }], Rolling = [new() { Column = "rsi_99", Window = 5 }] })).Message);
        Assert.Contains("feature set 'bad': indicators[0]: unknown indicator 'rsx'",
            Assert.Throws<ArgumentException>(() => FeatureSetCompiler.Compile("bad", new FeatureSetSpec { Indicators = [new() { Name = "rsx" }] })).Message);
        Assert.Contains("need GBP_USD bars",
            Assert.Throws<ArgumentException>(() => FeatureSetCompiler.Compile("bad", new FeatureSetSpec { Cross = [new() { Instrument = "GBP_USD" }] })).Message);
        Assert.Contains("unknown feature set 'nope'", Assert.Throws<ArgumentException>(() => FeatureSetResolver.Resolve("nope")).Message);
    }

    [Fact]
    public async Task Price_source_selects_bid_ask_or_mid()
    {
        var bars = await Hours(rows: 100);
        FeatureSetSpec Spec(PriceSource p) => new() { Price = p, Indicators = [new() { Name = "sma", Params = [5] }] };
        double bid = FeatureSetCompiler.Compile("b", Spec(PriceSource.Bid)).Compute(bars).Column(0)[10];
        double ask = FeatureSetCompiler.Compile("a", Spec(PriceSource.Ask)).Compute(bars).Column(0)[10];
        double mid = FeatureSetCompiler.Compile("m", Spec(PriceSource.Mid)).Compute(bars).Column(0)[10];
        Assert.Equal(bars.Bid!.Close[6..11].ToArray().Average(), bid, 12);
        Assert.True(ask > bid);
        Assert.Equal((bid + ask) / 2, mid, 12);
        Assert.Throws<InvalidOperationException>(() => FeatureSetCompiler.Compile("t", Spec(PriceSource.Trade)).Compute(bars));
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => (double.IsNaN(x) && double.IsNaN(y)) || Math.Abs(x - y) <= epsilon;
        public int GetHashCode(double obj) => 0;
    }
}
