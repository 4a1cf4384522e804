using System.Globalization;
using System.Text;
using AlgoTrading.Configuration;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>
/// Real-data backtests whose trades were recorded before the trading core was refactored
/// (commit e623779) and must stay identical, to the last bit of every price and P&amp;L: the files in
/// <c>integration/golden</c> hold every trade, every 500th equity point and the final equity, printed
/// round-trip exact. Regenerate only when a change of the fill rules is intended:
/// <c>GOLDEN_UPDATE=1 dotnet test … --filter-class "*GoldenBacktestTests"</c>.
/// </summary>
public class GoldenBacktestTests
{
    public static TheoryData<string> Cases() => new(RunCases.Keys);

    private static readonly Dictionary<string, Func<Task<BacktestResult>>> RunCases = new()
    {
        ["eurusd_h1_sma_longshort_stop_take"] = () => Workflow("forex/oanda/hour/eurusd_hour_quote.csv", "sma-cross",
            new() { ["fast"] = "10", ["slow"] = "30", ["mode"] = "longshort", ["stop"] = "30", ["take"] = "60" }),
        ["eurusd_h1_sma_trail_risk_slippage"] = () => Workflow("forex/oanda/hour/eurusd_hour_quote.csv", "sma-cross",
            new() { ["fast"] = "20", ["slow"] = "80", ["mode"] = "longshort", ["trail"] = "25", ["stop"] = "40", ["risk"] = "0.01", ["max_bars"] = "48" },
            r => r with { SlippagePips = 0.2, SlippageAtrFraction = 0.05, Risk = new RiskLimits { MaxUnits = 150_000, MaxDailyLoss = 0.02, MaxDrawdown = 0.25 } }),
        ["eurgbp_d1_breakout_atr_exits_converted"] = () => Workflow("forex/oanda/daily/eurgbp_daily_quote.csv", "breakout",
            new() { ["period"] = "20", ["mode"] = "longshort", ["stop"] = "2", ["take"] = "4", ["exit_unit"] = "atr" },
            r => r with { Others = new Dictionary<string, string> { ["GBP_USD"] = SharedData.Market("forex/oanda/daily/gbpusd_daily_quote.csv") }, SameBarExits = SameBarExitOrder.BetterFirst }),
        ["spy_d1_rsi_trade_bars"] = () => Workflow("equity/usa/daily/spy_daily_trade.csv", "rsi-threshold",
            new() { ["period"] = "14", ["lower"] = "30", ["upper"] = "70", ["units"] = "100" }, instrument: "SPY"),
        ["eurusd_m1_mid_price_no_costs"] = () => Workflow("forex/oanda/minute/eurusd_minute_quote.csv", "sma-cross",
            new() { ["fast"] = "5", ["slow"] = "20", ["mode"] = "longshort" }, r => r with { Price = PriceSource.Mid, Costs = false }),
        ["eurusd_h1_limit_and_stop_entries"] = () => Task.FromResult(PendingOrders()),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Trades_equal_the_recorded_ones(string name)
    {
        var text = Describe(await RunCases[name]());
        var path = Path.Combine(GoldenDirectory(), name + ".csv");
        if (Environment.GetEnvironmentVariable("GOLDEN_UPDATE") == "1") File.WriteAllText(path, text);
        var expected = File.ReadAllText(path).Split('\n');
        var actual = text.Split('\n');
        for (int i = 0; i < Math.Min(expected.Length, actual.Length); i++)
            Assert.True(expected[i] == actual[i], $"{name}.csv line {i + 1}:\n expected {expected[i]}\n actual   {actual[i]}");
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(actual.Length > 20, $"{name}: too few lines to prove anything");
    }

    private static async Task<BacktestResult> Workflow(string file, string strategy, Dictionary<string, string> parameters,
        Func<BacktestRequest, BacktestRequest>? adjust = null, string? instrument = null)
    {
        var request = new BacktestRequest { DataFile = SharedData.Market(file), Strategy = strategy, Parameters = parameters, Instrument = instrument };
        if (adjust is not null) request = adjust(request);
        var configuration = AlgoTradingConfiguration.Load(Unit.ConfigurationTests.FindConfig());
        return (await BacktestWorkflow.RunAsync(request, configuration)).Result;
    }

    // Limit and stop entries that keep working for a few bars, so the working-order path is covered too.
    private static BacktestResult PendingOrders()
    {
        var file = SharedData.Market("forex/oanda/hour/eurusd_hour_quote.csv");
        var data = AlgoTrading.Data.Loaders.MarketDataReader.LoadAsync(file, new AlgoTrading.Data.Loaders.MarketDataReadOptions { Instrument = "EUR_USD" }).GetAwaiter().GetResult();
        var bars = AlgoTrading.Data.Processors.MarketDataValidator.Validate(data.Bars!, new AlgoTrading.Data.Processors.ValidationOptions { Policy = AlgoTrading.Data.Processors.ValidationPolicy.Repair }, file).Clean;
        var eur = AlgoTradingConfiguration.Load(Unit.ConfigurationTests.FindConfig()).Market.InstrumentFor("EUR_USD");
        return new BacktestEngine([new BacktestFeed(eur, bars, new PendingEntryStrategy())]).Run();
    }

    private sealed class PendingEntryStrategy : IStrategy
    {
        private int _bar;
        public string Name => "pending-entries";
        public bool OnBar(in BarInput bar, in PositionSnapshot position, in PortfolioSnapshot portfolio, in InstrumentContext instrument, out StrategyDecision decision)
        {
            decision = default;
            if (++_bar % 12 != 0) return false;
            int phase = _bar / 12 % 4;
            double pip = instrument.PipSize;
            double target = phase switch { 0 => 10_000, 1 => 0, 2 => -10_000, _ => 0 };
            if (target == position.Units) return false;
            var type = phase % 2 == 0 ? OrderType.Limit : OrderType.Stop;
            double price = phase switch { 0 => bar.Close - 5 * pip, 1 => bar.Close - 8 * pip, 2 => bar.Close + 5 * pip, _ => bar.Close + 8 * pip };
            decision = new StrategyDecision(target, 20 * pip, 40 * pip, double.NaN, "p" + phase, type, price);
            return true;
        }
    }

    private static string Describe(BacktestResult r)
    {
        var s = new StringBuilder();
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        s.Append("instrument,entry_time,entry_price,exit_time,exit_price,units,gross_pnl,spread,commission,slippage,financing,entry_reason,exit_reason\n");
        foreach (var t in r.Trades)
            s.Append(CultureInfo.InvariantCulture, $"{t.Instrument},{t.EntryTime:O},{F(t.EntryPrice)},{t.ExitTime:O},{F(t.ExitPrice)},{F(t.Units)},{F(t.GrossPnl)},{F(t.Costs.Spread)},{F(t.Costs.Commission)},{F(t.Costs.Slippage)},{F(t.Costs.Financing)},{t.EntryReason},{t.ExitReason}\n");
        for (int i = 0; i < r.Equity.Length; i += 500)
            s.Append(CultureInfo.InvariantCulture, $"equity,{new DateTime(r.EquityTime.Span[i], DateTimeKind.Utc):O},{F(r.Equity[i])}\n");
        s.Append(CultureInfo.InvariantCulture, $"final,{F(r.FinalEquity)},{F(r.TradedNotional)},{F(r.Exposure)},{r.RiskEvents.Count}\n");
        foreach (var (k, v) in r.OpenPositions.OrderBy(p => p.Key, StringComparer.Ordinal)) s.Append(CultureInfo.InvariantCulture, $"open,{k},{F(v)}\n");
        return s.ToString();
    }

    private static string GoldenDirectory()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", "AlgoTrading.Tests", "integration", "golden");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/AlgoTrading.Tests/integration/golden not found above " + AppContext.BaseDirectory);
    }
}
