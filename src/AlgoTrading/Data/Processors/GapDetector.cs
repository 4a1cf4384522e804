using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Processors;

/// <summary>
/// Finds stretches of open market time without data. A bar slot [k, k + period) is expected when
/// the session is open at its midpoint; the midpoint (not the start) makes daily slots robust to
/// the one-hour shift of a DST change. Weekly and monthly series are not checked (every slot
/// overlaps an open session). For ticks the slots are whole minutes and a gap needs at least
/// <c>minimumTickGap</c> of open time without a tick.
/// </summary>
public static class GapDetector
{
    /// <summary>Finds gaps in rows sorted by time (validate first: unsorted rows give meaningless gaps).</summary>
    public static GapReport Detect(IMarketSeries series, TradingSession session, TimeSpan? minimumTickGap = null)
    {
        var gaps = new List<Gap>();
        var times = series.TimeTicks;
        bool ticks = series.Period.Unit == PeriodUnit.Tick;
        long slot = ticks ? TimeSpan.TicksPerMinute : series.Period.Duration.Ticks;
        int minimumSlots = ticks ? (int)Math.Max(1, (minimumTickGap ?? TimeSpan.FromMinutes(5)).Ticks / TimeSpan.TicksPerMinute) : 1;
        if (series.Period.Unit is PeriodUnit.Week or PeriodUnit.Month || times.Length < 2)
            return new GapReport { Gaps = gaps, Slot = TimeSpan.FromTicks(slot) };

        var clock = new ZoneClock(session.Zone);
        for (int i = 1; i < times.Length; i++)
        {
            long from = times[i - 1], to = times[i];
            if (to - from <= slot) continue;
            int missing = 0;
            // Ticks: whole minutes strictly between the two ticks' minutes; bars: slots between the two starts.
            long first = ticks ? from - from % slot + slot : from + slot;
            long last = ticks ? to - to % slot : to;
            for (long k = first; k < last; k += slot)
                if (session.IsOpenLocal(clock.ToLocal(k + slot / 2))) missing++;
            if (missing >= minimumSlots)
                gaps.Add(new Gap(new DateTime(from, DateTimeKind.Utc), new DateTime(to, DateTimeKind.Utc), missing, TimeSpan.FromTicks(missing * slot)));
        }
        return new GapReport { Gaps = gaps, Slot = TimeSpan.FromTicks(slot) };
    }
}
