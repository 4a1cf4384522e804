using AlgoTrading.Data.Processors;
using AlgoTrading.Time;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

public class AdjustmentTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Factor_of_the_first_row_on_or_after_the_bar_date_applies()
    {
        var factors = FactorFile.Load(_dir.File("f.csv", "date,price_factor,split_factor,reference_price\n20200110,0.9,0.5,1\n20200120,0.95,1,100\n"));
        // Bars are dated in New York: 2020-01-10 00:00 NY is 05:00 UTC.
        var bars = Trade(BarPeriod.D1, (Utc(2020, 1, 10, 5), 100, 110, 90, 105), (Utc(2020, 1, 11, 5), 100, 100, 100, 100), (Utc(2020, 1, 21, 5), 100, 100, 100, 100));
        var adjusted = PriceAdjuster.Adjust(bars, factors, MarketTimeZones.NewYork);
        Assert.Equal(100 * 0.9 * 0.5, adjusted.Trade!.Open[0], 12);
        Assert.Equal(105 * 0.45, adjusted.Trade.Close[0], 12);
        Assert.Equal(1 / 0.5, adjusted.Volume[0], 12);  // volume / split factor
        Assert.Equal(100 * 0.95, adjusted.Trade.Close[1], 12); // after the 10th: the 20th's row
        Assert.Equal(100, adjusted.Trade.Close[2], 12);  // after the last row: unadjusted
    }

    [Fact]
    public void Bad_factor_rows_are_named()
    {
        var e = Assert.Throws<AlgoTrading.Data.Loaders.MarketDataFormatException>(() => FactorFile.Load(_dir.File("f.csv", "date,price_factor,split_factor\n2020-01-10,0.9,1\n")));
        Assert.Equal((2, "date"), (e.Line, e.Field));
        var e2 = Assert.Throws<AlgoTrading.Data.Loaders.MarketDataFormatException>(() => FactorFile.Load(_dir.File("g.csv", "20200110,0.9,0\n")));
        Assert.Equal("split_factor", e2.Field);
    }
}
