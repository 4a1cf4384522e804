namespace AlgoTrading.Time;

/// <summary>
/// Converts between UTC and one zone's wall clock quickly by remembering the offset of the current
/// hour: data is sorted, so almost every row hits the cache and the expensive
/// <see cref="TimeZoneInfo"/> lookup runs about once per hour of data. Not thread-safe: one per loop.
/// <para>DST rules for local → UTC: a local time in the spring-forward gap does not exist and is an
/// error; an ambiguous fall-back time is read as standard time (the second occurrence), as
/// <see cref="TimeZoneInfo.ConvertTimeToUtc(DateTime, TimeZoneInfo)"/> does.</para>
/// </summary>
public sealed class ZoneClock
{
    private readonly TimeZoneInfo _zone;
    private readonly bool _isFixed;
    private readonly long _fixedOffset;
    private long _toUtcHour = long.MinValue, _toUtcOffset;
    private long _toLocalHour = long.MinValue, _toLocalOffset;

    /// <summary>Creates a clock for <paramref name="zone"/>.</summary>
    public ZoneClock(TimeZoneInfo zone)
    {
        _zone = zone;
        _isFixed = !zone.SupportsDaylightSavingTime;
        _fixedOffset = zone.BaseUtcOffset.Ticks;
    }

    /// <summary>The zone.</summary>
    public TimeZoneInfo Zone => _zone;

    /// <summary>UTC ticks for local wall-clock <paramref name="localTicks"/>.</summary>
    /// <exception cref="ArgumentException">The local time does not exist (skipped by a DST change).</exception>
    public long ToUtc(long localTicks)
    {
        if (_isFixed) return localTicks - _fixedOffset;
        long hour = localTicks - localTicks % TimeSpan.TicksPerHour;
        if (hour != _toUtcHour)
        {
            var start = new DateTime(hour, DateTimeKind.Unspecified);
            var end = start.AddTicks(TimeSpan.TicksPerHour - 1);
            // An hour that touches a transition is never cached: the offset can change inside it.
            if (_zone.IsInvalidTime(start) || _zone.IsInvalidTime(end) || _zone.IsAmbiguousTime(start) || _zone.IsAmbiguousTime(end))
            {
                _toUtcHour = long.MinValue;
                return TimeZoneInfo.ConvertTimeToUtc(new DateTime(localTicks, DateTimeKind.Unspecified), _zone).Ticks;
            }
            _toUtcOffset = _zone.GetUtcOffset(start).Ticks;
            _toUtcHour = hour;
        }
        return localTicks - _toUtcOffset;
    }

    /// <summary>Local wall-clock ticks for UTC <paramref name="utcTicks"/> (always defined).</summary>
    public long ToLocal(long utcTicks)
    {
        if (_isFixed) return utcTicks + _fixedOffset;
        long hour = utcTicks - utcTicks % TimeSpan.TicksPerHour;
        if (hour != _toLocalHour)
        {
            // Transitions happen on whole UTC hours in every zone we trade, so one UTC hour has one offset.
            _toLocalOffset = _zone.GetUtcOffset(new DateTime(hour, DateTimeKind.Utc)).Ticks;
            _toLocalHour = hour;
        }
        return utcTicks + _toLocalOffset;
    }
}
