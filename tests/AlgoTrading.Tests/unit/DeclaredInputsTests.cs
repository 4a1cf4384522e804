namespace AlgoTrading.Tests.Unit;

/// <summary>
/// Signals and strategies declare the bar fields they read, and the backtest engine reads only
/// those (the rest are NaN). These tests hold every built-in rule to its declaration.
/// </summary>
public class DeclaredInputsTests
{
    // A deterministic random walk with a real range, open and volume.
    private static BarInput[] Walk(int n)
    {
        var rng = new Random(11);
        var bars = new BarInput[n];
        double close = 100;
        for (int i = 0; i < n; i++)
        {
            double open = close, next = close * (1 + 0.01 * (rng.NextDouble() - 0.5));
            double high = Math.Max(open, next) + rng.NextDouble() * 0.3, low = Math.Min(open, next) - rng.NextDouble() * 0.3;
            bars[i] = new BarInput(Utc(2024, 1, 2).AddHours(i).Ticks, open, high, low, next, 1000 + i);
            close = next;
        }
        return bars;
    }

    // The bar as the engine hands it over for the declared inputs: time always, undeclared prices NaN.
    private static BarInput Reduced(BarInput b, IndicatorInputs inputs) => inputs switch
    {
        IndicatorInputs.Close => new BarInput(b.Time, double.NaN, double.NaN, double.NaN, b.Close, double.NaN),
        IndicatorInputs.HighLowClose => new BarInput(b.Time, double.NaN, b.High, b.Low, b.Close, double.NaN),
        IndicatorInputs.Ohlc => b with { Volume = double.NaN },
        _ => b,
    };

    public static TheoryData<string> Signals => new(["crossover", "breakout", "rsi", "external"]);

    private static ISignal Create(string name, BarInput[] bars) => name switch
    {
        "crossover" => new CrossoverSignal(3, 8),
        "breakout" => new BreakoutSignal(6),
        "rsi" => ThresholdSignal.Rsi(5, 40, 60, 50),
        _ => new ExternalSignal(bars.Where((_, i) => i % 7 == 0).ToDictionary(b => b.Time, b => b.Close > b.Open ? 1 : -1)),
    };

    [Theory]
    [MemberData(nameof(Signals))]
    public void A_built_in_signal_decides_the_same_from_only_the_fields_it_declares(string name)
    {
        var bars = Walk(400);
        var full = Create(name, bars);
        var reduced = Create(name, bars);
        Assert.NotEqual(IndicatorInputs.All, reduced.Inputs); // each built-in rule reads less than the whole bar
        var fromFull = bars.Select(b => full.Update(b)).ToArray();
        var fromReduced = bars.Select(b => reduced.Update(Reduced(b, reduced.Inputs))).ToArray();
        Assert.True(fromFull.Count(d => d is not null) >= 5, "the walk must make the rule decide a few times");
        Assert.Equal(fromFull, fromReduced);
    }

    [Fact]
    public void A_signal_that_reads_an_undeclared_field_is_caught()
    {
        // The check above can fail: a breakout rule fed only the close decides differently.
        var bars = Walk(400);
        var full = new BreakoutSignal(6);
        var closeOnly = new BreakoutSignal(6);
        Assert.NotEqual(bars.Select(b => full.Update(b)).ToArray(), bars.Select(b => closeOnly.Update(Reduced(b, IndicatorInputs.Close))).ToArray());
    }

    private sealed class Recorder(IndicatorInputs? inputs) : IStrategy
    {
        public List<BarInput> Seen { get; } = [];
        public string Name => "recorder";
        public IndicatorInputs Inputs => inputs ?? IndicatorInputs.All;
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
        {
            Seen.Add(bar);
            decision = default;
            return false;
        }
    }

    [Fact]
    public void The_engine_reads_only_the_declared_fields_and_always_the_time()
    {
        var series = Trade(BarPeriod.H1, (Utc(2024, 1, 2, 0), 1.0, 1.5, 0.5, 1.2), (Utc(2024, 1, 2, 1), 1.2, 1.8, 1.1, 1.6));
        var spy = new TradableInstrument { Symbol = "SPY", BaseCurrency = "SPY", QuoteCurrency = "USD", IsForex = false, PipSize = 0.01 };
        var options = new BacktestOptions { Price = PriceSource.Trade, UseBidAsk = false, ApplyCosts = false };

        var closeOnly = new Recorder(IndicatorInputs.Close);
        new BacktestEngine([new BacktestFeed(spy, series, closeOnly)], options).Run();
        Assert.Equal([Utc(2024, 1, 2, 0).Ticks, Utc(2024, 1, 2, 1).Ticks], closeOnly.Seen.Select(b => b.Time));
        Assert.Equal([1.2, 1.6], closeOnly.Seen.Select(b => b.Close));
        Assert.All(closeOnly.Seen, b => Assert.True(double.IsNaN(b.Open) && double.IsNaN(b.High) && double.IsNaN(b.Low) && double.IsNaN(b.Volume)));

        var everything = new Recorder(null); // an IStrategy that declares nothing gets the whole bar
        new BacktestEngine([new BacktestFeed(spy, series, everything)], options).Run();
        Assert.Equal(new BarInput(Utc(2024, 1, 2, 1).Ticks, 1.2, 1.8, 1.1, 1.6, 1), everything.Seen[1]); // the helper gives every bar volume 1
    }

    // Hourly EUR/USD-like quote bars with random closes (off any grid), a real range and a spread.
    private static BarSeries RandomQuotes(int count, int seed)
    {
        var rng = new Random(seed);
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            double c = 1.1 + rng.NextDouble() * 0.01;
            return (Utc(2024, 1, 2).AddHours(i), c - 0.0003, c + 0.0007, c - 0.0009, c);
        }).ToArray();
        return Quote(BarPeriod.H1, 0.00017, rows);
    }

    [Theory]
    [InlineData(true, PriceSource.Mid)]   // bid/ask fills: the strategy sees mid prices
    [InlineData(false, PriceSource.Bid)]  // one price series for everything
    [InlineData(false, PriceSource.Mid)]
    public void A_close_only_strategy_sees_exactly_the_close_of_its_price_series(bool useBidAsk, PriceSource price)
    {
        // The engine takes that close from the bid and ask closes it reads anyway (their midpoint, or
        // one price with itself); it must be bit for bit the column a strategy would otherwise get.
        var series = RandomQuotes(50, seed: 5);
        var eur = TradableInstrument.FromSymbol("EUR_USD");
        var recorder = new Recorder(IndicatorInputs.Close);
        new BacktestEngine([new BacktestFeed(eur, series, recorder)], new BacktestOptions { UseBidAsk = useBidAsk, Price = price, ApplyCosts = false }).Run();
        var expected = series.Prices(price).Close.ToArray();
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), recorder.Seen.Select(b => BitConverter.DoubleToInt64Bits(b.Close)));
    }

    [Theory]
    [InlineData(IndicatorInputs.Close)]
    [InlineData(IndicatorInputs.HighLowClose)]
    [InlineData(IndicatorInputs.Ohlc)]
    [InlineData(IndicatorInputs.All)]
    public void At_bid_and_ask_a_strategy_sees_the_mids_of_the_fields_it_declares_and_nothing_else(IndicatorInputs inputs)
    {
        // The engine computes only the declared mid columns; each must be the bar's mid (QuoteBar.Mid) bit for bit,
        // the same column the whole mid series holds, and the undeclared fields stay NaN.
        var series = RandomQuotes(40, seed: 9);
        var recorder = new Recorder(inputs);
        new BacktestEngine([new BacktestFeed(TradableInstrument.FromSymbol("EUR_USD"), series, recorder)], new BacktestOptions { ApplyCosts = false }).Run();
        static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
        long nan = Bits(double.NaN);
        bool high = inputs != IndicatorInputs.Close, open = inputs is IndicatorInputs.Ohlc or IndicatorInputs.All;
        var mid = series.Prices(PriceSource.Mid);
        Assert.Equal(series.Count, recorder.Seen.Count);
        for (int i = 0; i < series.Count; i++)
        {
            var expected = series.QuoteAt(i).Mid;
            var seen = recorder.Seen[i];
            Assert.Equal(Bits(expected.Close), Bits(seen.Close));
            Assert.Equal(high ? Bits(expected.High) : nan, Bits(seen.High));
            Assert.Equal(high ? Bits(expected.Low) : nan, Bits(seen.Low));
            Assert.Equal(open ? Bits(expected.Open) : nan, Bits(seen.Open));
            Assert.Equal((Bits(expected.Open), Bits(expected.High), Bits(expected.Low), Bits(expected.Close)),
                (Bits(mid.Open[i]), Bits(mid.High[i]), Bits(mid.Low[i]), Bits(mid.Close[i])));
        }
    }

    [Fact]
    public void A_composed_strategy_reads_what_its_entry_rule_reads_plus_the_range_for_atr_exits()
    {
        var sizer = new FixedUnits(1000);
        Assert.Equal(IndicatorInputs.Close, new Strategy("s", new CrossoverSignal(2, 5), sizer, new ExitRules { StopLoss = 20 }, TradingMode.LongShort).Inputs);
        Assert.Equal(IndicatorInputs.HighLowClose, new Strategy("s", new CrossoverSignal(2, 5), sizer, new ExitRules { StopLoss = 2, Unit = DistanceUnit.Atr }, TradingMode.LongShort).Inputs);
        Assert.Equal(IndicatorInputs.HighLowClose, new Strategy("s", new BreakoutSignal(5), sizer, new ExitRules(), TradingMode.LongOnly).Inputs);
        Assert.Equal(IndicatorInputs.Close, StrategyFactory.Create("sma-cross", new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30" }).Inputs);
    }
}
