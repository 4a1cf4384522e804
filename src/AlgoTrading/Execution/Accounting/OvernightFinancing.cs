using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Execution.Accounting;

/// <summary>
/// Overnight financing of a position held across the broker's 17:00 New York rollovers: each rollover
/// on a weekday counts one day, except that FX pays three days at Wednesday's rollover (for the weekend
/// settlement) and other CFDs three at Friday's, so a week always counts seven.
/// </summary>
internal static class OvernightFinancing
{
    /// <summary>
    /// The financing (quote currency; positive earned, negative paid) of <paramref name="units"/> held from the
    /// rollover day starting <paramref name="previousDay"/> to the one starting <paramref name="day"/> (UTC ticks,
    /// from <paramref name="rollovers"/>), at <paramref name="mid"/> and the instrument's annual long or short rate.
    /// </summary>
    public static double Amount(TradableInstrument instrument, double units, double mid, long previousDay, long day, BarAligner rollovers)
    {
        double days = 0;
        for (long probe = previousDay + 25 * TimeSpan.TicksPerHour; ; probe += TimeSpan.TicksPerDay)
        {
            long start = rollovers.StartOf(probe);
            if (start > day) break;
            var weekday = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(start, DateTimeKind.Utc), MarketTimeZones.NewYork).DayOfWeek;
            days += weekday switch
            {
                DayOfWeek.Wednesday => instrument.IsForex ? 3 : 1,
                DayOfWeek.Friday => instrument.IsForex ? 1 : 3,
                DayOfWeek.Saturday or DayOfWeek.Sunday => 0,
                _ => 1,
            };
            // The rollover that starts the current day is the last: finding the next one would cost a time-zone
            // conversion per day and leave the aligner's one-day cache on tomorrow, so that the core's next bar misses it.
            if (start == day) break;
        }
        double annual = units > 0 ? instrument.FinancingLongRate : instrument.FinancingShortRate;
        return Math.Abs(units) * mid * annual / 365 * days;
    }
}
