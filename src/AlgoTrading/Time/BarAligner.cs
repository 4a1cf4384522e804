using AlgoTrading.Domain;

namespace AlgoTrading.Time;

/// <summary>
/// Maps an instant to the start of the bar that contains it, DST-correctly.
/// <list type="bullet">
/// <item>Periods that divide an hour (S1..M30, H1) are aligned on UTC, which equals local
/// alignment in every zone with whole-hour offsets (all the markets configured here).</item>
/// <item>Longer intraday periods (H2, H3, H4, H6, H8, H12) are aligned on the session's trading day
/// in local time: FX H4 bars start at 17:00, 21:00, 01:00, … New York whatever the season.</item>
/// <item>D1 is the trading day (FX: 17:00 to 17:00 New York, so 22:00 UTC in winter and 21:00 UTC in
/// summer); W1 starts with the first trading day of the ISO week (FX: Sunday 17:00 New York);
/// MN1 with the first trading day of the month.</item>
/// </list>
/// A bar's start is returned in UTC. In the repeated hour of a fall-back change the earlier
/// candidate that is not after the instant is used, so an instant is never before its bar's start.
/// Not thread-safe (it caches zone offsets).
/// </summary>
public sealed class BarAligner
{
    private readonly BarPeriod _period;
    private readonly TradingSession _session;
    private readonly ZoneClock _clock;
    private readonly long _offset; // shifts local time so the trading day starts at 00:00
    private readonly long _length;
    private readonly bool _utcAligned;
    private long _bucketStart = long.MaxValue, _bucketEnd = long.MinValue; // the last bar found, [start, end) in UTC

    /// <summary>Creates an aligner for <paramref name="period"/> in <paramref name="session"/>'s trading day.</summary>
    /// <exception cref="ArgumentException">The period does not tile a day (e.g. M7, H5) or is a tick period.</exception>
    public BarAligner(BarPeriod period, TradingSession session)
    {
        _period = period;
        _session = session;
        _clock = new ZoneClock(session.Zone);
        _offset = (TimeSpan.TicksPerDay - session.DayEnd.Ticks % TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay;
        _length = period.Duration.Ticks;
        if (period.Unit == PeriodUnit.Tick) throw new ArgumentException("ticks have no bar boundaries");
        if (period.IsIntraday)
        {
            _utcAligned = TimeSpan.TicksPerHour % _length == 0;
            if (!_utcAligned && TimeSpan.TicksPerDay % _length != 0)
                throw new ArgumentException($"{period} does not divide a day into equal bars; use a period such as M5, M15, H1, H4 or D1");
        }
        else if (period.Count != 1) throw new ArgumentException($"{period}: only D1, W1 and MN1 are supported above one day");
    }

    /// <summary>The period.</summary>
    public BarPeriod Period => _period;

    /// <summary>UTC ticks of the start of the bar containing UTC <paramref name="utcTicks"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public long StartOf(long utcTicks)
    {
        if (_utcAligned) return utcTicks - utcTicks % _length;
        // Sorted input hits the same bar many times in a row: answer from the last bar's bounds
        // (inlined into per-bar loops; the zone arithmetic below runs once per bar period).
        if (utcTicks >= _bucketStart && utcTicks < _bucketEnd) return _bucketStart;
        return StartOfUncached(utcTicks);
    }

    private long StartOfUncached(long utcTicks)
    {
        // Sorted input moves on to the next day: when the instant lies in the 24 hours after the cached day and the
        // zone's offset is the same at both ends of them, they are that day (from one local day end to the next),
        // found with two offset lookups instead of the calendar arithmetic and transition checks below.
        if (_period.Unit == PeriodUnit.Day && _bucketEnd != long.MinValue && utcTicks >= _bucketEnd && utcTicks - _bucketEnd < TimeSpan.TicksPerDay
            && _clock.ToLocal(_bucketEnd + TimeSpan.TicksPerDay) - _clock.ToLocal(_bucketEnd) == TimeSpan.TicksPerDay)
        {
            (_bucketStart, _bucketEnd) = (_bucketEnd, _bucketEnd + TimeSpan.TicksPerDay);
            return _bucketStart;
        }
        long shifted = _clock.ToLocal(utcTicks) + _offset;
        long shiftedStart, shiftedEnd;
        switch (_period.Unit)
        {
            case PeriodUnit.Day:
                shiftedStart = shifted - shifted % TimeSpan.TicksPerDay;
                shiftedEnd = shiftedStart + TimeSpan.TicksPerDay;
                break;
            case PeriodUnit.Week:
                shiftedStart = WeekStart(shifted);
                shiftedEnd = shiftedStart + 7 * TimeSpan.TicksPerDay;
                break;
            case PeriodUnit.Month:
                var first = new DateTime(new DateTime(shifted).Year, new DateTime(shifted).Month, 1);
                shiftedStart = first.Ticks;
                shiftedEnd = first.AddMonths(1).Ticks;
                break;
            default:
                shiftedStart = shifted - shifted % _length;
                shiftedEnd = shiftedStart + _length;
                break;
        }
        long start = LocalToUtc(shiftedStart - _offset, utcTicks);
        long end = LocalToUtc(shiftedEnd - _offset, long.MaxValue);
        // The cache is only valid when the instant really lies inside (it always should; a DST edge case must not poison it).
        if (utcTicks >= start && utcTicks < end) (_bucketStart, _bucketEnd) = (start, end);
        return start;
    }

    private static long WeekStart(long shifted)
    {
        long day = shifted - shifted % TimeSpan.TicksPerDay;
        int sinceMonday = ((int)new DateTime(day).DayOfWeek + 6) % 7;
        return day - sinceMonday * TimeSpan.TicksPerDay;
    }

    private long LocalToUtc(long local, long notAfter)
    {
        var zone = _session.Zone;
        var dt = new DateTime(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(dt))
        {
            long best = long.MinValue;
            foreach (var offset in zone.GetAmbiguousTimeOffsets(dt))
            {
                long candidate = local - offset.Ticks;
                if (candidate <= notAfter && candidate > best) best = candidate;
            }
            if (best != long.MinValue) return best;
        }
        while (zone.IsInvalidTime(dt)) dt = dt.AddMinutes(1); // the bar starts when the clock jumps
        return _clock.ToUtc(dt.Ticks);
    }
}
