namespace AlgoTrading.Tests.Support;

/// <summary>Builds small series by hand for tests.</summary>
public static class Bars
{
    public static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, DateTimeKind.Utc);

    /// <summary>Trade bars from (time, o, h, l, c) rows with volume 1.</summary>
    public static BarSeries Trade(BarPeriod period, params (DateTime t, double o, double h, double l, double c)[] rows)
    {
        var b = new BarSeriesBuilder(BarKind.Trade);
        foreach (var r in rows) b.AddTrade(r.t.Ticks, r.o, r.h, r.l, r.c, 1);
        return b.Build("TEST", period);
    }

    /// <summary>Quote bars with ask = bid + spread on every field.</summary>
    public static BarSeries Quote(BarPeriod period, double spread, params (DateTime t, double o, double h, double l, double c)[] rows)
    {
        var b = new BarSeriesBuilder(BarKind.Quote);
        foreach (var r in rows) b.AddQuote(r.t.Ticks, r.o, r.h, r.l, r.c, r.o + spread, r.h + spread, r.l + spread, r.c + spread);
        return b.Build("TEST", period);
    }

    /// <summary>Flat quote bars one period apart starting at <paramref name="start"/>.</summary>
    public static BarSeries Flat(DateTime start, BarPeriod period, int count, double price = 1.1)
    {
        var b = new BarSeriesBuilder(BarKind.Quote);
        for (int i = 0; i < count; i++)
        {
            long t = start.Ticks + i * period.Duration.Ticks;
            b.AddQuote(t, price, price, price, price, price + 0.0001, price + 0.0001, price + 0.0001, price + 0.0001);
        }
        return b.Build("EUR_USD", period);
    }
}
