using System.Text;

namespace AlgoTrading.Time;

/// <summary>
/// A compiled timestamp layout such as <c>yyyy-MM-dd HH:mm:ss.fff</c>, parsed straight from UTF-8
/// bytes without allocating. Supported specifiers: <c>yyyy MM dd HH mm ss</c> and one to seven
/// <c>f</c> (fixed digits); every other character must match literally. A pattern ending in
/// <c>[.fff]</c> accepts an optional fraction of any length up to seven digits.
/// A pattern of <c>unix</c> reads seconds since 1970 with an optional fraction.
/// </summary>
public sealed class TimestampPattern
{
    private enum Kind : byte { Year, Month, Day, Hour, Minute, Second, Fraction, Literal, OptionalFraction }
    private readonly (Kind kind, int width, byte literal)[] _parts;
    private readonly bool _unix;

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
    }

    /// <summary>The pattern text.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="s"/> into (local) <see cref="DateTime.Ticks"/>; false when it does not match.</summary>
    public bool TryParse(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (_unix) return TryParseUnix(s, out ticks);
        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0;
        long fraction = 0;
        int pos = 0;
        foreach (var (kind, width, literal) in _parts)
        {
            if (kind == Kind.Literal)
            {
                if (pos >= s.Length || s[pos] != literal) return false;
                pos++;
                continue;
            }
            if (kind == Kind.OptionalFraction)
            {
                if (pos == s.Length) break;
                if (s[pos] != (byte)'.') return false;
                pos++;
                int digits = 0;
                while (pos < s.Length)
                {
                    int d = s[pos] - '0';
                    if ((uint)d > 9) return false;
                    if (digits < 7) { fraction = fraction * 10 + d; digits++; }
                    pos++;
                }
                if (digits == 0) return false;
                for (; digits < 7; digits++) fraction *= 10;
                break;
            }
            if (pos + width > s.Length) return false;
            int value = 0;
            for (int k = 0; k < width; k++)
            {
                int d = s[pos + k] - '0';
                if ((uint)d > 9) return false;
                value = value * 10 + d;
            }
            pos += width;
            switch (kind)
            {
                case Kind.Year: year = value; break;
                case Kind.Month: month = value; break;
                case Kind.Day: day = value; break;
                case Kind.Hour: hour = value; break;
                case Kind.Minute: minute = value; break;
                case Kind.Second: second = value; break;
                case Kind.Fraction:
                    fraction = value;
                    for (int k = width; k < 7; k++) fraction *= 10;
                    break;
            }
        }
        if (pos != s.Length) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        ticks = DateDayNumber(year, month, day) * TimeSpan.TicksPerDay
            + hour * TimeSpan.TicksPerHour + minute * TimeSpan.TicksPerMinute + second * TimeSpan.TicksPerSecond + fraction;
        return true;
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
