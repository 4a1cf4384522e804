using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Processors;

/// <summary>
/// Makes a sparse bar file dense. Minute and second vendors leave out bars in which the price did
/// not change; for a strategy those bars exist, flat at the previous close. Forward-filling inserts
/// one such bar (open = high = low = close = previous close on every side, volume 0, no source line)
/// for every expected slot inside an open session, and never across a closed session.
/// </summary>
public static class GapFiller
{
    /// <summary>Returns a copy of <paramref name="bars"/> with missing in-session slots forward-filled, and the number inserted.</summary>
    public static (BarSeries Filled, int Inserted) ForwardFill(BarSeries bars, TradingSession session, int maxSlotsPerGap = int.MaxValue)
    {
        if (!bars.Period.IsIntraday) throw new ArgumentException($"forward-fill works on intraday bars; {bars.Instrument} is {bars.Period}");
        long slot = bars.Period.Duration.Ticks;
        var clock = new ZoneClock(session.Zone);
        var builder = new BarSeriesBuilder(bars.Kind, bars.Count * 11 / 10 + 16);
        var times = bars.TimeTicks;
        int inserted = 0;
        for (int i = 0; i < bars.Count; i++)
        {
            if (i > 0 && times[i] - times[i - 1] > slot)
            {
                int filled = 0;
                for (long k = times[i - 1] + slot; k < times[i] && filled < maxSlotsPerGap; k += slot)
                {
                    if (!session.IsOpenLocal(clock.ToLocal(k + slot / 2))) continue;
                    AddFlat(builder, bars, i - 1, k);
                    filled++;
                }
                inserted += filled;
            }
            builder.AddFrom(bars, i);
        }
        return (builder.Build(bars.Instrument, bars.Period), inserted);
    }

    private static void AddFlat(BarSeriesBuilder builder, BarSeries bars, int previous, long time)
    {
        if (bars.Kind == BarKind.Quote)
        {
            double b = bars.Bid!.Close[previous], a = bars.Ask!.Close[previous];
            builder.AddQuote(time, b, b, b, b, a, a, a, a);
        }
        else
        {
            double c = bars.Trade!.Close[previous];
            builder.AddTrade(time, c, c, c, c, 0);
        }
    }
}
