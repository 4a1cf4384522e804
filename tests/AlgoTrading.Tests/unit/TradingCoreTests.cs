using AlgoTrading.Data.Synthetic;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The trading core that backtests and live runs share: the engine's loop and a bar-by-bar driver
/// (what the live runner does) give the same orders, trades and equity; a strategy moves its own stop.
/// </summary>
public class TradingCoreTests
{
    private static readonly TradableInstrument Spy = new() { Symbol = "SPY", BaseCurrency = "SPY", QuoteCurrency = "USD", IsForex = false, PipSize = 0.01, MarginRate = 0.5 };
    private static readonly BacktestOptions OnePrice = new() { Price = PriceSource.Trade, UseBidAsk = false, ApplyCosts = false };

    /// <summary>Enters long with a stop 2.00 below the fill, then moves the stop to the entry price once a bar closes 1.00 above it.</summary>
    private sealed class BreakEven : IStrategy
    {
        public readonly List<double> StopsSeen = [];
        public string Name => "break-even";
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
        {
            StopsSeen.Add(position.StopLoss);
            decision = default;
            if (position.Units == 0 && StopsSeen.Count == 1) { decision = new StrategyDecision(10, 2, double.NaN, double.NaN, "entry"); return true; }
            if (position.Units > 0 && bar.Close >= position.AveragePrice + 1 && position.StopLoss < position.AveragePrice)
            {
                decision = StrategyDecision.MoveStopLoss(position.AveragePrice, "break-even");
                return true;
            }
            return false;
        }
    }

    private sealed class Named(string name) : IStrategy
    {
        public string Name => name;
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
        {
            decision = default;
            return false;
        }
    }

    [Fact]
    public void A_strategy_name_no_client_order_id_can_hold_is_refused_when_the_core_is_made()
    {
        // The names in client order ids are checked once per instrument, here, not on every order: a name
        // with a control character (the id key's separator among them) must fail before any bar.
        var client = new Execution.Simulation.SimulatedExecutionClient([Spy]);
        var e = Assert.Throws<ArgumentException>(() => new TradingCore([Spy], [new Named("two\nlines")], new TradingCoreOptions(), client));
        Assert.Contains("control characters", e.Message);
        Assert.NotNull(new TradingCore([Spy], [new Named("one-line")], new TradingCoreOptions(), new Execution.Simulation.SimulatedExecutionClient([Spy])));
    }

    private static BacktestResult Run(IStrategy strategy, params (double o, double h, double l, double c)[] rows)
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        for (int i = 0; i < rows.Length; i++) b.AddTrade(Utc(2024, 1, 2, i).Ticks, rows[i].o, rows[i].h, rows[i].l, rows[i].c, 0);
        return new BacktestEngine([new BacktestFeed(Spy, b.Build("SPY", BarPeriod.H1), strategy)], OnePrice).Run();
    }

    [Fact]
    public void A_strategy_moves_its_attached_stop_to_break_even_and_the_pullback_exits_flat()
    {
        // Bar 0 decides; bar 1 opens at 100: bought, stop at 98; it closes at 101.5, so the stop moves to 100.
        // Bar 2 dips to 99.5: the old stop (98) would not fill, the moved one fills at 100, its stop price (the bar opened above it).
        var strategy = new BreakEven();
        var r = Run(strategy, (100, 100, 100, 100), (100, 101.5, 100, 101.5), (101, 101, 99.5, 100), (100, 100, 100, 100));
        var t = Assert.Single(r.Trades);
        Assert.Equal((100.0, 100.0, 0.0, "exit:stop_loss"), (t.EntryPrice, t.ExitPrice, t.GrossPnl, t.ExitReason));
        Assert.Equal(Utc(2024, 1, 2, 2), t.ExitTime);
        Assert.Equal([double.NaN, 98, double.NaN], strategy.StopsSeen.Take(3)); // the snapshot shows the stop while the position is open
        var stop = r.Orders.Single(o => o.Reason == "exit:stop_loss");
        Assert.Equal((OrderStatus.Filled, 100.0), (stop.Status, stop.Price!.Value)); // one order, replaced in place
        Assert.Empty(r.OpenPositions);

        // Without the move the same bars leave the position open with its stop at 98.
        var never = Run(new BreakEvenNever(), (100, 100, 100, 100), (100, 101.5, 100, 101.5), (101, 101, 99.5, 100), (100, 100, 100, 100));
        Assert.Empty(never.Trades);
        Assert.Equal(10, never.OpenPositions["SPY"]);
    }

    private sealed class BreakEvenNever : IStrategy
    {
        private bool _entered;
        public string Name => "never";
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
        {
            decision = _entered ? default : new StrategyDecision(10, 2, double.NaN, double.NaN, "entry");
            return !_entered && (_entered = true);
        }
    }

    [Theory]
    [InlineData("sma-cross", "fast=5,slow=20,mode=longshort,stop=8,take=15")]
    [InlineData("breakout", "period=30,mode=longshort,trail=6,max_bars=90")]
    public void Bars_stepped_one_at_a_time_trade_exactly_as_the_backtest_engine(string name, string parameters)
    {
        var eur = TradableInstrument.FromSymbol("EUR_USD") with { TypicalSpreadPips = 1.2 };
        var bars = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(20_000, seed: 7));
        var p = parameters.Split(',').Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
        var options = new BacktestOptions { SlippagePips = 0.1, SlippageAtrFraction = 0.02, Risk = new RiskLimits { MaxUnits = 50_000 } };
        var engine = new BacktestEngine([new BacktestFeed(eur, bars, StrategyFactory.Create(name, p))], options).Run();

        // What a live runner does with each closed bar: one Step, the decision on the last bar not acted on.
        var client = new SimulatedExecutionClient([eur], options.Simulation());
        var core = new TradingCore([eur], [StrategyFactory.Create(name, p)], options.Core(), client);
        var bid = bars.Bid!; var ask = bars.Ask!;
        var equity = new double[bars.Count];
        for (int i = 0; i < bars.Count; i++)
        {
            var view = new QuoteBarView(bid.Open[i], bid.High[i], bid.Low[i], bid.Close[i], ask.Open[i], ask.High[i], ask.Low[i], ask.Close[i]);
            equity[i] = core.Step(bars.TimeTicks[i], [new SlotBar(0, view)], act: i != bars.Count - 1);
        }

        Assert.True(engine.Trades.Count > 50, $"only {engine.Trades.Count} trades: too few to compare");
        Assert.Equal(engine.Trades, core.Portfolio.Trades);
        Assert.Equal(engine.Equity, equity);
        Assert.Equal(engine.Orders.Select(o => (o.ClientId, o.Status, o.Units, o.AverageFillPrice)), core.Orders.Select(o => (o.ClientId, o.Status, o.Units, o.AverageFillPrice)));
    }

    [Fact]
    public void A_subscriber_to_the_simulated_client_hears_each_event_before_the_core_applies_it_and_changes_no_trade()
    {
        // The core hears the simulated client's events as direct calls (no event objects); a live run's journal subscribes
        // to the event objects and must record each event before the core books it: the position it sees at a fill is the
        // position before that fill.
        var eur = TradableInstrument.FromSymbol("EUR_USD") with { TypicalSpreadPips = 1.2 };
        var bars = SyntheticMarketGenerator.Generate(SyntheticMarketOptions.EurUsd(20_000, seed: 7));
        var p = new Dictionary<string, string> { ["fast"] = "5", ["slow"] = "20", ["mode"] = "longshort", ["stop"] = "8", ["take"] = "15" };
        var options = new BacktestOptions { SlippagePips = 0.1 };
        var engine = new BacktestEngine([new BacktestFeed(eur, bars, StrategyFactory.Create("sma-cross", p))], options).Run();

        var client = new SimulatedExecutionClient([eur], options.Simulation());
        var core = new TradingCore([eur], [StrategyFactory.Create("sma-cross", p)], options.Core(), client);
        var heard = new List<(double Before, double Units)>();
        client.Events += e => { if (e is OrderFilled f) heard.Add((core.Portfolio.UnitsOf("EUR_USD"), f.Fill.Units)); };
        var bid = bars.Bid!; var ask = bars.Ask!;
        for (int i = 0; i < bars.Count; i++)
            core.Step(bars.TimeTicks[i], [new SlotBar(0, new QuoteBarView(bid.Open[i], bid.High[i], bid.Low[i], bid.Close[i], ask.Open[i], ask.High[i], ask.Low[i], ask.Close[i]))],
                act: i != bars.Count - 1);

        Assert.Equal(engine.Trades, core.Portfolio.Trades);
        Assert.True(heard.Count > 100, $"only {heard.Count} fills");
        Assert.Equal(0, heard[0].Before);
        for (int i = 1; i < heard.Count; i++) Assert.Equal(heard[i - 1].Before + heard[i - 1].Units, heard[i].Before, 6);
        Assert.Equal(heard[^1].Before + heard[^1].Units, core.Portfolio.UnitsOf("EUR_USD"), 6);
    }

    /// <summary>Sends scripted decisions by bar index.</summary>
    private sealed class Scripted(string name, Dictionary<int, StrategyDecision> decisions) : IStrategy
    {
        private int _bar = -1;
        public string Name => name;
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision) =>
            decisions.TryGetValue(++_bar, out decision);
    }

    [Fact]
    public void Risk_counts_another_instruments_working_order_in_the_gross_leverage_cap()
    {
        // 100,000 of equity, gross leverage capped at 1x. Bar 0: SPY places a buy limit for 600 at 90 that never
        // fills (60,000 of gross exposure at the mid of 100). Bar 1: QQQ asks for 600 at market (60,000 more):
        // only 100,000 - 60,000 = 40,000 is left, 400 units. Counting filled positions alone would let 600 through.
        var qqq = Spy with { Symbol = "QQQ", BaseCurrency = "QQQ" };
        BarSeries Flat(string symbol)
        {
            var b = new BarSeriesBuilder(BarKind.Trade);
            for (int i = 0; i < 4; i++) b.AddTrade(Utc(2024, 1, 2, i).Ticks, 100, 100, 100, 100, 0);
            return b.Build(symbol, BarPeriod.H1);
        }
        var spy = new Scripted("spy-limit", new() { [0] = new StrategyDecision(600, double.NaN, double.NaN, double.NaN, "entry", OrderType.Limit, 90) });
        var q = new Scripted("qqq-market", new() { [1] = new StrategyDecision(600, double.NaN, double.NaN, double.NaN, "entry") });
        var options = OnePrice with { Risk = new RiskLimits { MaxGrossLeverage = 1.0 } };
        var r = new BacktestEngine([new BacktestFeed(Spy, Flat("SPY"), spy), new BacktestFeed(qqq, Flat("QQQ"), q)], options).Run();

        var qqqOrder = r.Orders.Single(o => o.Instrument == "QQQ");
        Assert.Equal((400.0, OrderStatus.Filled), (qqqOrder.Units, qqqOrder.Status));
        var e = Assert.Single(r.RiskEvents);
        Assert.Equal(("QQQ", 600.0, 400.0), (e.Instrument, e.RequestedUnits, e.AllowedUnits));
        Assert.StartsWith("max_gross_leverage", e.Reason);
        Assert.Equal(OrderStatus.Accepted, r.Orders.Single(o => o.Instrument == "SPY").Status); // still working at the end
    }
}
