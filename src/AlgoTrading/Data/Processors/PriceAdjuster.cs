using AlgoTrading.Domain;

namespace AlgoTrading.Data.Processors;

/// <summary>
/// Back-adjusts raw equity bars for splits and dividends so that returns across the events are
/// continuous: adjusted price = raw × price_factor × split_factor; adjusted volume = raw ÷ split_factor
/// (the same traded value in today's shares). The factor date is the bar's date in the exchange zone.
/// </summary>
public static class PriceAdjuster
{
    /// <summary>Returns an adjusted copy of <paramref name="bars"/>.</summary>
    public static BarSeries Adjust(BarSeries bars, FactorFile factors, TimeZoneInfo exchangeZone)
    {
        var builder = new BarSeriesBuilder(bars.Kind, bars.Count);
        var clock = new Time.ZoneClock(exchangeZone);
        for (int i = 0; i < bars.Count; i++)
        {
            long t = bars.TimeTicks[i];
            var date = DateOnly.FromDateTime(new DateTime(clock.ToLocal(t)));
            var (pf, sf) = factors.For(date);
            double k = pf * sf;
            int line = bars.SourceLines.IsEmpty ? 0 : bars.SourceLines[i];
            if (bars.Kind == BarKind.Trade)
            {
                var p = bars.Trade!;
                builder.AddTrade(t, p.Open[i] * k, p.High[i] * k, p.Low[i] * k, p.Close[i] * k, bars.Volume[i] / sf, line);
            }
            else
            {
                var (b, a) = (bars.Bid!, bars.Ask!);
                builder.AddQuote(t, b.Open[i] * k, b.High[i] * k, b.Low[i] * k, b.Close[i] * k, a.Open[i] * k, a.High[i] * k, a.Low[i] * k, a.Close[i] * k, line);
            }
        }
        return builder.Build(bars.Instrument, bars.Period);
    }
}
