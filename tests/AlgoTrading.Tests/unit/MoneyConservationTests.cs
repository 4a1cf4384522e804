using AlgoTrading.Execution.Accounting;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// A property test with a seeded generator: random bars and random orders (every type, time in
/// force, attached exits, replacements and cancellations) go through the simulated client into the
/// portfolio, and at every bar no money is created or lost. The identity is checked from the fills
/// alone, independently of the portfolio's lots: equity = initial cash − Σ units × price −
/// Σ commission + Σ financing + position × mark (one currency, so no conversion enters).
/// </summary>
public class MoneyConservationTests
{
    private static readonly TradableInstrument Eur = new()
    {
        Symbol = "EUR_USD", BaseCurrency = "EUR", QuoteCurrency = "USD", PipSize = 0.0001, CommissionPerLot = 3.5, CommissionRate = 0.00002, MarginRate = 0.05,
    };

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(7)] [InlineData(8)]
    public void Cash_positions_and_costs_balance_at_every_bar(int seed)
    {
        var random = new Random(seed);
        var options = new SimulationOptions
        {
            SlippagePips = random.Next(3) * 0.1, MaxUnitsPerBar = random.Next(2) == 0 ? double.PositiveInfinity : 25_000,
            SameBarExits = random.Next(2) == 0 ? SameBarExitOrder.WorseFirst : SameBarExitOrder.BetterFirst,
        };
        var client = new SimulatedExecutionClient([Eur], options);
        var portfolio = new Portfolio("USD", 100_000);
        double flows = 0, commission = 0, financing = 0, units = 0;
        int fills = 0;
        QuoteBarView bar = default;
        client.Events += e =>
        {
            if (e is not OrderFilled { Fill: var f }) return;
            // Every fill lies inside the bar it filled on, give or take the slippage.
            double slip = options.SlippagePips * Eur.PipSize + 1e-12;
            Assert.InRange(f.Price, Math.Min(bar.BidLow, bar.AskLow) - slip, Math.Max(bar.BidHigh, bar.AskHigh) + slip);
            portfolio.Apply(f, Eur, 1);
            (flows, commission, units, fills) = (flows + f.Units * f.Price, commission + f.Costs.Commission, units + f.Units, fills + 1);
        };
        double mid = 1.1;
        long time = Utc(2024, 1, 1, 23).Ticks;
        for (int step = 0; step < 2_000; step++)
        {
            time += TimeSpan.TicksPerHour;
            double open = mid + random.NextDouble() * 0.002 - 0.001, close = open + random.NextDouble() * 0.004 - 0.002;
            double high = Math.Max(open, close) + random.NextDouble() * 0.002, low = Math.Min(open, close) - random.NextDouble() * 0.002;
            double half = 0.00005 + random.NextDouble() * 0.0001;
            bar = new QuoteBarView(open - half, high - half, low - half, close - half, open + half, high + half, low + half, close + half);
            mid = close;
            client.OnBar("EUR_USD", time, bar, 1);
            if (step % 24 == 0 && units != 0)
            {
                double amount = -Math.Abs(units) * mid * 0.01 / 365; // a night's financing
                portfolio.ApplyFinancing("EUR_USD", amount);
                financing += amount;
            }
            portfolio.Mark(Eur, bar.BidClose, bar.AskClose, 1);
            double mark = units >= 0 ? bar.BidClose : bar.AskClose;
            Assert.Equal(units, portfolio.UnitsOf("EUR_USD"), 1e-6);
            Assert.Equal(100_000 - flows - commission + financing + units * mark, portfolio.Equity, 1e-6);
            Assert.Equal(portfolio.Cash - portfolio.InitialCash, portfolio.RealisedPnl - portfolio.Commission + portfolio.Financing, 1e-6);
            Act(random, client, time, mid, step);
        }
        Assert.True(fills > 100, $"seed {seed}: only {fills} fills, too few to prove anything");
        Assert.True(portfolio.Trades.Count > 20, $"seed {seed}: only {portfolio.Trades.Count} trades");
        // Closed trades' P&L plus what is open adds up to the change in equity.
        double closedNet = portfolio.Trades.Sum(t => t.GrossPnl - t.Costs.Commission - t.Costs.Financing);
        double openCommission = portfolio.Commission - portfolio.Trades.Sum(t => t.Costs.Commission);
        double openFinancing = portfolio.Financing + portfolio.Trades.Sum(t => t.Costs.Financing);
        Assert.Equal(portfolio.Equity - portfolio.InitialCash, closedNet + portfolio.UnrealisedPnl - openCommission + openFinancing, 1e-6);
    }

    private static void Act(Random random, SimulatedExecutionClient client, long time, double mid, int step)
    {
        var working = client.WorkingOrders;
        switch (random.Next(6))
        {
            case 0 when working.Count > 0:
                client.Cancel(working[random.Next(working.Count)].ClientId, "random");
                return;
            case 1 when working.Count > 0:
                var o = working[random.Next(working.Count)];
                if (o.Request.Type != OrderType.Market) client.Replace(o.ClientId, o.Request with { Price = o.Request.Price + (random.NextDouble() - 0.5) * 0.001 });
                return;
            case 2 or 3:
                double size = (random.Next(1, 6) * 10_000) * (random.Next(2) == 0 ? 1 : -1);
                var type = (OrderType)random.Next(3);
                double offset = (random.NextDouble() * 0.002) * (type == OrderType.Limit ? -Math.Sign(size) : Math.Sign(size));
                var tif = (TimeInForce)random.Next(5);
                var request = new OrderRequest("EUR_USD", size, type, type == OrderType.Market ? null : mid + offset)
                {
                    TimeInForce = tif, ExpiryUtcTicks = tif == TimeInForce.GoodTillDate ? time + random.Next(1, 10) * TimeSpan.TicksPerHour : null,
                    StopLoss = random.Next(2) == 0 ? mid - Math.Sign(size) * 0.003 : null, TakeProfit = random.Next(2) == 0 ? mid + Math.Sign(size) * 0.004 : null,
                    TrailingDistance = random.Next(3) == 0 ? 0.002 : null, Reason = "random",
                };
                client.Submit(request, ClientOrderId.For("random", "EUR_USD", time, step), time);
                return;
        }
    }
}
