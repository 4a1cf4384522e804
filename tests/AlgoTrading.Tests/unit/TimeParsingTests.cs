using System.Text;
using AlgoTrading.Data.Loaders.Text;
using AlgoTrading.Time;

namespace AlgoTrading.Tests.Unit;

public class TimeParsingTests
{
    [Theory]
    [InlineData("yyyy-MM-dd HH:mm:ss[.fff]", "2014-05-01 00:00:00.292", "2014-05-01T00:00:00.2920000")]
    [InlineData("yyyy-MM-dd HH:mm:ss[.fff]", "2014-05-01 13:45:59", "2014-05-01T13:45:59.0000000")]
    [InlineData("yyyyMMdd HHmmss", "20120201 235900", "2012-02-01T23:59:00.0000000")]
    [InlineData("yyyyMMdd HHmmssfff", "20120201 000000123", "2012-02-01T00:00:00.1230000")]
    [InlineData("yyyy.MM.dd", "2016.02.29", "2016-02-29T00:00:00.0000000")]
    [InlineData("unix", "1476716400.5", "2016-10-17T15:00:00.5000000")]
    public void Pattern_parses_to_the_same_instant_as_DateTime(string pattern, string text, string expectedRoundTrip)
    {
        Assert.True(new TimestampPattern(pattern).TryParse(Encoding.ASCII.GetBytes(text), out long ticks));
        Assert.Equal(DateTime.Parse(expectedRoundTrip, System.Globalization.CultureInfo.InvariantCulture).Ticks, ticks);
    }

    [Theory]
    [InlineData("2014-13-01 00:00:00")]   // month 13
    [InlineData("2015-02-29 00:00:00")]   // not a leap year
    [InlineData("2014-05-01 24:00:00")]
    [InlineData("2014-05-01T00:00:00")]   // wrong literal
    [InlineData("2014-05-01 00:00:00.")]  // empty fraction
    [InlineData("2014-05-01 00:00")]      // too short
    public void Pattern_rejects_invalid_text(string text) =>
        Assert.False(new TimestampPattern("yyyy-MM-dd HH:mm:ss[.fff]").TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Unsupported_specifier_is_rejected_with_the_pattern_named()
    {
        var e = Assert.Throws<FormatException>(() => new TimestampPattern("yy-MM-dd"));
        Assert.Contains("yy-MM-dd", e.Message);
    }

    [Theory]
    [InlineData("1.38676")]
    [InlineData("0.000123")]
    [InlineData("-42.5")]
    [InlineData("11313.5")]
    [InlineData("2150000")]
    [InlineData("1e-5")]
    [InlineData("123456789012345678")] // beyond the fast path: falls back
    [InlineData("0.1234567890123456789")]
    public void Number_parsing_matches_double_Parse_exactly(string text)
    {
        Assert.True(Utf8Number.TryParseDouble(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1.38676,1.38686", 7, 1.38676)]   // stops at the separator
    [InlineData("-0.5;x", 4, -0.5)]
    [InlineData("42", 2, 42.0)]
    [InlineData(".25,", 3, 0.25)]
    public void Prefix_parsing_reports_where_the_number_ends(string text, int consumed, double expected)
    {
        Assert.True(Utf8Number.TryParsePlainPrefix(Encoding.ASCII.GetBytes(text), out var value, out int used));
        Assert.Equal((expected, consumed), (value, used));
    }

    [Theory]
    [InlineData("")]
    [InlineData(",1.2")]
    [InlineData("\"1.2\"")]
    [InlineData("-")]
    [InlineData("12345678901234567890.5")] // more digits than the exact path takes
    public void Prefix_parsing_declines_what_is_not_a_plain_short_decimal(string text) =>
        Assert.False(Utf8Number.TryParsePlainPrefix(Encoding.ASCII.GetBytes(text), out _, out _));

    [Fact]
    public void Empty_number_is_NaN_and_garbage_is_rejected()
    {
        Assert.True(Utf8Number.TryParseDouble([], out var nan));
        Assert.True(double.IsNaN(nan));
        Assert.False(Utf8Number.TryParseDouble("1.2.3"u8, out _));
        Assert.False(Utf8Number.TryParseDouble("abc"u8, out _));
    }

    [Fact]
    public void Zone_clock_converts_both_ways_across_DST()
    {
        var clock = new ZoneClock(MarketTimeZones.NewYork);
        // 2014-03-09 02:00 EST -> 03:00 EDT. 01:30 local is EST (UTC-5), 03:30 local is EDT (UTC-4).
        Assert.Equal(new DateTime(2014, 3, 9, 6, 30, 0).Ticks, clock.ToUtc(new DateTime(2014, 3, 9, 1, 30, 0).Ticks));
        Assert.Equal(new DateTime(2014, 3, 9, 7, 30, 0).Ticks, clock.ToUtc(new DateTime(2014, 3, 9, 3, 30, 0).Ticks));
        Assert.Throws<ArgumentException>(() => clock.ToUtc(new DateTime(2014, 3, 9, 2, 30, 0).Ticks));
        Assert.Equal(new DateTime(2014, 3, 9, 1, 59, 0).Ticks, clock.ToLocal(new DateTime(2014, 3, 9, 6, 59, 0).Ticks));
        Assert.Equal(new DateTime(2014, 3, 9, 3, 0, 0).Ticks, clock.ToLocal(new DateTime(2014, 3, 9, 7, 0, 0).Ticks));
    }

    [Theory]
    [InlineData("UTC-05", -5)]
    [InlineData("utc-05", -5)]
    [InlineData("UTC+02:30", 2.5)]
    [InlineData("EST", -5)]
    public void Fixed_offsets_resolve(string name, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), MarketTimeZones.Resolve(name).BaseUtcOffset);

    [Fact]
    public void Unknown_zone_names_the_zone() =>
        Assert.Contains("Mars/Olympus", Assert.Throws<ArgumentException>(() => MarketTimeZones.Resolve("Mars/Olympus")).Message);

    [Theory]
    [InlineData("M1", PeriodUnit.Minute, 1)]
    [InlineData("h4", PeriodUnit.Hour, 4)]
    [InlineData("D1", PeriodUnit.Day, 1)]
    [InlineData("MN1", PeriodUnit.Month, 1)]
    [InlineData("S5", PeriodUnit.Second, 5)]
    [InlineData("tick", PeriodUnit.Tick, 0)]
    public void Bar_periods_parse_and_print(string text, PeriodUnit unit, int count)
    {
        var p = BarPeriod.Parse(text);
        Assert.Equal(new BarPeriod(unit, count), p);
        Assert.Equal(text.ToUpperInvariant(), p.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("X1")]
    [InlineData("M0")]
    [InlineData("M-5")]
    public void Bad_periods_are_rejected(string text) => Assert.Throws<FormatException>(() => BarPeriod.Parse(text));

    [Fact]
    public void Utc_ticks_become_utc_date_times_in_order()
    {
        // 2024-03-10 07:00 UTC is 02:00 New York, the hour the clocks skip: as UTC it is just another instant.
        long[] ticks = [new DateTime(2024, 3, 10, 6, 59, 0, DateTimeKind.Utc).Ticks, 638_456_508_000_000_000, 0];
        var times = UtcTicks.ToDateTimes(ticks);
        Assert.Equal([new DateTime(2024, 3, 10, 6, 59, 0), new DateTime(2024, 3, 10, 7, 0, 0), DateTime.MinValue], times);
        Assert.All(times, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
        Assert.Empty(UtcTicks.ToDateTimes([]));
    }
}
