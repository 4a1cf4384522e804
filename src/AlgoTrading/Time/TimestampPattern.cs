using System.Text;

namespace AlgoTrading.Time;

/// <summary>
/// A compiled timestamp layout such as <c>yyyy-MM-dd HH:mm:ss.fff</c>, parsed straight from UTF-8
/// bytes without allocating. Supported specifiers: <c>yyyy MM dd HH mm ss</c> and one to seven
/// <c>f</c> (fixed digits); every other character must match literally. A pattern ending in
/// <c>[.fff]</c> accepts an optional fraction of any length up to seven digits.
/// A pattern of <c>unix</c> reads seconds since 1970 with an optional fraction.
/// Not thread-safe: it caches the last date parsed (rows of one file share dates).
/// </summary>
internal sealed class TimestampPattern
{
    private enum Kind : byte { Year, Month, Day, Hour, Minute, Second, Fraction, Literal, OptionalFraction }
    private readonly (Kind kind, int width, byte literal)[] _parts;
    private readonly bool _unix;
    // Every part sits at a fixed byte offset (only a trailing optional fraction varies in length),
    // so parsing reads digits at known places with no per-part dispatch.
    private readonly int _fixedLength, _year = -1, _month = -1, _day = -1, _hour = -1, _minute = -1, _second = -1, _fraction = -1, _fractionWidth, _optionalFraction = -1;
    private readonly (int offset, byte value)[] _literals = [];
    private long _cachedDateKey = -1, _cachedDateTicks;

    /// <summary>Compiles <paramref name="pattern"/>.</summary>
    /// <exception cref="FormatException">The pattern uses an unsupported specifier.</exception>
    public TimestampPattern(string pattern)
    {
        Text = pattern;
        if (pattern == "unix") { _unix = true; _parts = []; return; }
        var parts = new List<(Kind, int, byte)>();
        int i = 0;
        while (i < pattern.Length)
        {
            if (pattern.AsSpan(i).StartsWith("[.f") && pattern.EndsWith(']') )
            {
                parts.Add((Kind.OptionalFraction, 0, 0));
                break;
            }
            char c = pattern[i];
            int run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c) run++;
            Kind? kind = c switch { 'y' => Kind.Year, 'M' => Kind.Month, 'd' => Kind.Day, 'H' => Kind.Hour, 'm' => Kind.Minute, 's' => Kind.Second, 'f' => Kind.Fraction, _ => null };
            if (kind is null)
            {
                if (c > 127) throw new FormatException($"timestamp pattern '{pattern}': only ASCII literals are supported");
                for (int k = 0; k < run; k++) parts.Add((Kind.Literal, 1, (byte)c));
            }
            else
            {
                int expected = kind switch { Kind.Year => 4, Kind.Fraction => run, _ => 2 };
                if (run != expected || run > 7)
                    throw new FormatException($"timestamp pattern '{pattern}': '{new string(c, run)}' is not supported; use yyyy, MM, dd, HH, mm, ss and f..fffffff");
                parts.Add((kind.Value, run, 0));
            }
            i += run;
        }
        _parts = [.. parts];
        int offset = 0;
        var literals = new List<(int, byte)>();
        foreach (var (kind, width, literal) in _parts)
        {
            switch (kind)
            {
                case Kind.Literal: literals.Add((offset, literal)); break;
                case Kind.Year: _year = offset; break;
                case Kind.Month: _month = offset; break;
                case Kind.Day: _day = offset; break;
                case Kind.Hour: _hour = offset; break;
                case Kind.Minute: _minute = offset; break;
                case Kind.Second: _second = offset; break;
                case Kind.Fraction: _fraction = offset; _fractionWidth = width; break;
                case Kind.OptionalFraction: _optionalFraction = offset; break;
            }
            offset += width;
        }
        _fixedLength = offset;
        _literals = [.. literals];
    }

    /// <summary>The pattern text.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="s"/> into (local) <see cref="DateTime.Ticks"/>; false when it does not match.</summary>
    public bool TryParse(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (_unix) return TryParseUnix(s, out ticks);
        return TryParseFixed(s, out ticks);
    }

    private bool TryParseFixed(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s.Length < _fixedLength) return false;
        foreach (var (offset, value) in _literals) if (s[offset] != value) return false;
        int year = _year < 0 ? 1 : Digits(s, _year, 4), month = _month < 0 ? 1 : Digits(s, _month, 2), day = _day < 0 ? 1 : Digits(s, _day, 2);
        int hour = _hour < 0 ? 0 : Digits(s, _hour, 2), minute = _minute < 0 ? 0 : Digits(s, _minute, 2), second = _second < 0 ? 0 : Digits(s, _second, 2);
        if ((year | month | day | hour | minute | second) < 0) return false;
        long fraction = 0;
        if (_fraction >= 0)
        {
            int f = Digits(s, _fraction, _fractionWidth);
            if (f < 0) return false;
            fraction = f * Scale[_fractionWidth];
        }
        if (_optionalFraction >= 0 && s.Length > _fixedLength)
        {
            int pos = _optionalFraction;
            if (s[pos] != (byte)'.' || s.Length == pos + 1 || s.Length > pos + 8) return false;
            int f = Digits(s, pos + 1, s.Length - pos - 1);
            if (f < 0) return false;
            fraction = f * Scale[s.Length - pos - 1];
        }
        else if (s.Length != _fixedLength) return false;
        if (month is < 1 or > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
        long dateKey = (year * 16 + month) * 32 + day;
        if (dateKey != _cachedDateKey)
        {
            if (year < 1 || day > DateTime.DaysInMonth(year, month)) return false;
            _cachedDateTicks = DateDayNumber(year, month, day) * TimeSpan.TicksPerDay;
            _cachedDateKey = dateKey;
        }
        ticks = _cachedDateTicks + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + fraction;
        return true;
    }

    private static readonly long[] Scale = [0, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    // The value of `count` ASCII digits at `offset`, or -1 when one is not a digit.
    private static int Digits(ReadOnlySpan<byte> s, int offset, int count)
    {
        int value = 0;
        for (int k = 0; k < count; k++)
        {
            int d = s[offset + k] - '0';
            if ((uint)d > 9) return -1;
            value = value * 10 + d;
        }
        return value;
    }

    private static bool TryParseUnix(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        long whole = 0, fraction = 0;
        int i = 0, digits = 0;
        for (; i < s.Length && s[i] != '.'; i++)
        {
            int d = s[i] - '0';
            if ((uint)d > 9) return false;
            whole = whole * 10 + d;
        }
        if (i == 0) return false;
        if (i < s.Length)
        {
            for (i++; i < s.Length; i++)
            {
                int d = s[i] - '0';
                if ((uint)d > 9) return false;
                if (digits < 7) { fraction = fraction * 10 + d; digits++; }
            }
        }
        for (; digits < 7; digits++) fraction *= 10;
        ticks = DateTime.UnixEpoch.Ticks + whole * TimeSpan.TicksPerSecond + fraction;
        return true;
    }

    // Days from 0001-01-01 to the date, without constructing a DateTime (hot path).
    private static long DateDayNumber(int year, int month, int day)
    {
        ReadOnlySpan<int> cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
        int y = year - 1;
        long days = y * 365L + y / 4 - y / 100 + y / 400 + cumulative[month - 1] + day - 1;
        if (month > 2 && DateTime.IsLeapYear(year)) days++;
        return days;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Describes the value that failed to parse, for error messages.</summary>
    internal static string Show(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s.Length > 64 ? s[..64] : s);
}
