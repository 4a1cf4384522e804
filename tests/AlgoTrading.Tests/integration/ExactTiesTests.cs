using System.Globalization;
using AlgoTrading.Data.Loaders;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Integration;

/// <summary>
/// Moving-average decisions on real and synthetic prices equal a naive recomputation of every bar
/// from scratch in exact arithmetic, including the bars where the two averages are exactly equal
/// (issue 11, section 1: one such bar on the EURUSD hourly file used to fire a cross one bar early).
/// </summary>
public class ExactTiesTests
{
    /// <summary>sign(mean of the last <paramref name="fast"/> − mean of the last <paramref name="slow"/>) at bar <paramref name="i"/>, exactly.</summary>
    private static int NaiveSign(decimal[] x, int i, int fast, int slow)
    {
        decimal fastSum = 0, slowSum = 0;
        for (int k = i - fast + 1; k <= i; k++) fastSum += x[k];
        for (int k = i - slow + 1; k <= i; k++) slowSum += x[k];
        return Math.Sign(fastSum * slow - slowSum * fast); // compares the means without dividing
    }

    /// <summary>The crossover rule of <see cref="CrossoverSignal"/> applied to a sequence of signs.</summary>
    private static int? Cross(int sign, ref int last)
    {
        if (sign == 0) return null;
        int previous = last;
        last = sign;
        return previous != 0 && previous != sign ? sign : null;
    }

    [Fact]
    public async Task Every_sma_12_48_decision_on_the_eurusd_hourly_bids_equals_a_naive_exact_recomputation()
    {
        string path = SharedData.Market("forex/oanda/hour/eurusd_hour_quote.csv");
        var bars = (await MarketDataReader.LoadAsync(path)).Bars!;
        var close = bars.Prices(PriceSource.Bid).Close;
        // The reference reads the file's text as decimals: no binary rounding anywhere.
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(rows.Length, bars.Count);
        var exact = rows.Select(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)).ToArray();

        var (fast, slow) = (new SimpleMovingAverage(12), new SimpleMovingAverage(48));
        var signal = new CrossoverSignal(12, 48);
        int ties = 0, crosses = 0, last = 0;
        var tieTimes = new List<string>();
        for (int i = 0; i < bars.Count; i++)
        {
            Assert.Equal((double)exact[i], close[i]);
            double f = fast.Next(close[i]), s = slow.Next(close[i]);
            int? fired = signal.Update(new BarInput(bars.TimeTicks[i], 0, 0, 0, close[i], 0));
            if (i < 47) { Assert.Null(fired); continue; }
            int expected = NaiveSign(exact, i, 12, 48);
            int actual = f > s ? 1 : f < s ? -1 : 0;
            Assert.True(expected == actual, $"bar {i} ({rows[i][0]}): exact sign {expected}, streaming {actual} (SMA12 {f:R}, SMA48 {s:R})");
            int? expectedCross = Cross(expected, ref last);
            Assert.True(expectedCross == fired, $"bar {i} ({rows[i][0]}): naive cross {expectedCross}, signal {fired}");
            if (expected == 0) { ties++; tieTimes.Add(rows[i][0]); }
            if (fired is not null) crosses++;
        }
        Assert.Contains("2007-02-13 13:00:00", tieTimes); // the bar of the issue
        Assert.True(crosses > 1000, $"only {crosses} crosses");
    }

    [Fact]
    public async Task Every_sma_10_30_decision_on_the_eurusd_hourly_mids_equals_a_naive_exact_recomputation()
    {
        string path = SharedData.Market("forex/oanda/hour/eurusd_hour_quote.csv");
        var bars = (await MarketDataReader.LoadAsync(path)).Bars!;
        var mid = bars.Prices(PriceSource.Mid);
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(rows.Length, bars.Count);
        decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
        // The exact mid of two decimals is a decimal with one more digit; double.Parse rounds it correctly.
        int[] bidColumn = [1, 2, 3, 4], askColumn = [6, 7, 8, 9];
        var exact = new decimal[4][];
        for (int f = 0; f < 4; f++) exact[f] = rows.Select(r => (D(r[bidColumn[f]]) + D(r[askColumn[f]])) / 2).ToArray();
        double Nearest(decimal d) => double.Parse(d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var fields = new[] { mid.Open.ToArray(), mid.High.ToArray(), mid.Low.ToArray(), mid.Close.ToArray() };
        int offByOne = 0;
        var bidClose = bars.Bid!.Close;
        var askClose = bars.Ask!.Close;
        for (int i = 0; i < bars.Count; i++)
        {
            for (int f = 0; f < 4; f++)
                Assert.True(Nearest(exact[f][i]) == fields[f][i], $"bar {i} ({rows[i][0]}) field {f}: mid {fields[f][i]:R}, exact {exact[f][i]}");
            // The engine's per-bar mid (close-only strategies) is the same value.
            Assert.Equal(fields[3][i], OhlcColumns.Mid(bidClose[i], askClose[i]));
            if ((bidClose[i] + askClose[i]) * 0.5 != fields[3][i]) offByOne++;
        }
        // (bid + ask) / 2 in doubles misses the exact mid on a good share of the file: the checks above can fail.
        Assert.True(offByOne > bars.Count / 10, $"only {offByOne} closes where (bid + ask) / 2 is not the exact mid");

        var close = fields[3];
        // 10/30 (the golden sma-cross case): its averages of mids are exactly equal on three bars of the file.
        var (fast, slow) = (new SimpleMovingAverage(10), new SimpleMovingAverage(30));
        var signal = new CrossoverSignal(10, 30);
        int crosses = 0, last = 0;
        var tieTimes = new List<string>();
        for (int i = 0; i < bars.Count; i++)
        {
            double f = fast.Next(close[i]), s = slow.Next(close[i]);
            int? fired = signal.Update(new BarInput(bars.TimeTicks[i], 0, 0, 0, close[i], 0));
            if (i < 29) { Assert.Null(fired); continue; }
            int expected = NaiveSign(exact[3], i, 10, 30);
            int actual = f > s ? 1 : f < s ? -1 : 0;
            Assert.True(expected == actual, $"bar {i} ({rows[i][0]}): exact sign {expected}, streaming {actual} (SMA12 {f:R}, SMA48 {s:R})");
            int? expectedCross = Cross(expected, ref last);
            Assert.True(expectedCross == fired, $"bar {i} ({rows[i][0]}): naive cross {expectedCross}, signal {fired}");
            if (expected == 0) tieTimes.Add(rows[i][0]);
            if (fired is not null) crosses++;
        }
        // With (bid + ask) / 2 in doubles each of these fired a cross one bar early (golden eurusd_h1_sma_longshort_stop_take).
        Assert.Equal(["2007-07-13 15:00:00", "2016-01-06 17:00:00", "2018-10-16 09:00:00"], tieTimes);
        Assert.True(crosses > 1000, $"only {crosses} crosses");
    }

    [Fact]
    public void A_million_bars_on_a_tick_grid_decide_as_an_integer_recomputation_does()
    {
        // Prices are integers of 0.0001: the naive reference sums the integers of each window afresh.
        const int n = 1_000_000, fastN = 10, slowN = 30;
        var rng = new Random(42);
        var ticks = new long[n];
        var price = new double[n];
        long t = 11_000;
        for (int i = 0; i < n; i++) { t = Math.Max(1, t + rng.Next(-3, 4)); ticks[i] = t; price[i] = t / 10_000.0; }
        var (fast, slow) = (new SimpleMovingAverage(fastN), new SimpleMovingAverage(slowN));
        int ties = 0, mismatches = 0, first = -1;
        for (int i = 0; i < n; i++)
        {
            double f = fast.Next(price[i]), s = slow.Next(price[i]);
            if (i < slowN - 1) continue;
            long fastSum = 0, slowSum = 0;
            for (int k = i - fastN + 1; k <= i; k++) fastSum += ticks[k];
            for (int k = i - slowN + 1; k <= i; k++) slowSum += ticks[k];
            int expected = Math.Sign(fastSum * slowN - slowSum * fastN);
            int actual = f > s ? 1 : f < s ? -1 : 0;
            if (expected == 0) ties++;
            if (expected != actual && mismatches++ == 0) first = i;
        }
        Assert.True(mismatches == 0, $"{mismatches} decisions differ from the exact ones, the first at bar {first}");
        Assert.True(ties > 1000, $"only {ties} exact ties: the test would not see a broken tie");
        // The batch face sees the same values.
        var batch = IndicatorBatch.Compute(new SimpleMovingAverage(slowN), price);
        var stream = new SimpleMovingAverage(slowN);
        for (int i = 0; i < n; i++) Assert.Equal(stream.Next(price[i]), batch[i]);
    }
}
