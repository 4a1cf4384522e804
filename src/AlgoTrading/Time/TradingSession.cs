using System.Globalization;

namespace AlgoTrading.Time;

/// <summary>
/// When a market trades, in its own zone: a weekly open and close (e.g. FX from Sunday 17:00 to
/// Friday 17:00 America/New_York), optional daily breaks (e.g. 17:00-18:00 for CME index
/// futures and the CFDs on them) and the wall-clock time at which the trading day ends (17:00
/// New York for FX: the D1 bar of Tuesday runs from Monday 17:00 to Tuesday 17:00).
/// Holidays are not modelled: a holiday shows up as a gap.
/// </summary>
public sealed class TradingSession
{
    private const long TicksPerWeek = 7 * TimeSpan.TicksPerDay;
    private readonly long _open, _close; // ticks since Sunday 00:00 local
    private readonly (long start, long end)[] _breaks; // ticks since local midnight; end < start wraps midnight

    /// <summary>Creates a session.</summary>
    /// <param name="name">A name for messages, e.g. <c>fx</c>.</param>
    /// <param name="zone">The zone the hours are given in.</param>
    /// <param name="weekOpen">Day and time the week opens, e.g. Sunday 17:00.</param>
    /// <param name="weekClose">Day and time the week closes, e.g. Friday 17:00.</param>
    /// <param name="dailyBreaks">Closed intervals every day, local; an end before its start wraps midnight.</param>
    /// <param name="dayEnd">Local time at which a trading day ends (00:00 for a midnight day).</param>
    public TradingSession(string name, TimeZoneInfo zone, (DayOfWeek Day, TimeSpan Time) weekOpen, (DayOfWeek Day, TimeSpan Time) weekClose,
        IReadOnlyList<(TimeSpan Start, TimeSpan End)>? dailyBreaks = null, TimeSpan dayEnd = default)
    {
        Name = name;
        Zone = zone;
        _open = (int)weekOpen.Day * TimeSpan.TicksPerDay + weekOpen.Time.Ticks;
        _close = (int)weekClose.Day * TimeSpan.TicksPerDay + weekClose.Time.Ticks;
        _breaks = (dailyBreaks ?? []).Select(b => (b.Start.Ticks, b.End.Ticks)).ToArray();
        DayEnd = dayEnd;
    }

    /// <summary>The session's name.</summary>
    public string Name { get; }
    /// <summary>The zone of every time in this session.</summary>
    public TimeZoneInfo Zone { get; }
    /// <summary>Local time at which a trading day ends; 00:00 means midnight.</summary>
    public TimeSpan DayEnd { get; }

    /// <summary>The FX market: Sunday 17:00 to Friday 17:00 America/New_York, the day ending at 17:00.</summary>
    public static TradingSession Forex { get; } = new("fx", MarketTimeZones.NewYork,
        (DayOfWeek.Sunday, TimeSpan.FromHours(17)), (DayOfWeek.Friday, TimeSpan.FromHours(17)), null, TimeSpan.FromHours(17));

    /// <summary>Whether the market is open at local wall-clock <paramref name="localTicks"/>.</summary>
    public bool IsOpenLocal(long localTicks)
    {
        // 0001-01-01 was a Monday: shift so that 0 is a Sunday 00:00.
        long inWeek = (localTicks + TimeSpan.TicksPerDay) % TicksPerWeek;
        bool inWeekWindow = _open <= _close ? inWeek >= _open && inWeek < _close : inWeek >= _open || inWeek < _close;
        if (!inWeekWindow) return false;
        long inDay = localTicks % TimeSpan.TicksPerDay;
        foreach (var (start, end) in _breaks)
        {
            bool inBreak = start <= end ? inDay >= start && inDay < end : inDay >= start || inDay < end;
            if (inBreak) return false;
        }
        return true;
    }

    /// <summary>Whether the market is open at a UTC instant (slow path; loops should use a <see cref="ZoneClock"/>).</summary>
    public bool IsOpen(DateTime utc) => IsOpenLocal(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).Ticks);

    /// <summary>
    /// Parses <c>Sun 17:00</c> style day-and-time text.
    /// </summary>
    /// <exception cref="FormatException">Not a three-letter day followed by HH:mm.</exception>
    public static (DayOfWeek Day, TimeSpan Time) ParseDayTime(string text)
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
        int day = parts.Length == 2 ? Array.IndexOf(days, parts[0].ToLowerInvariant()[..Math.Min(3, parts[0].Length)]) : -1;
        if (day < 0) throw new FormatException($"'{text}' is not a day and time such as 'Sun 17:00'");
        return ((DayOfWeek)day, ParseTime(parts[1]));
    }

    /// <summary>Parses <c>HH:mm</c> (24:00 allowed for end of day).</summary>
    public static TimeSpan ParseTime(string text)
    {
        if (text.Trim() == "24:00") return TimeSpan.FromHours(24);
        if (TimeSpan.TryParseExact(text.Trim(), @"hh\:mm", CultureInfo.InvariantCulture, out var t)) return t;
        throw new FormatException($"'{text}' is not a time of day such as '17:00'");
    }

    /// <summary>Parses <c>17:00-18:00</c>.</summary>
    public static (TimeSpan Start, TimeSpan End) ParseInterval(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 2) throw new FormatException($"'{text}' is not an interval such as '17:00-18:00'");
        return (ParseTime(parts[0]), ParseTime(parts[1]));
    }
}
