namespace AlgoTrading.Time;

/// <summary>
/// Time zones used at the edges (file formats, sessions). Everything inside the library is UTC;
/// a zone is only consulted when a local time is read from a file or a session rule is evaluated.
/// </summary>
public static class MarketTimeZones
{
    /// <summary>America/New_York: the FX trading day ends at 17:00 here.</summary>
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Fixed UTC-05:00 without daylight saving (HistData.com, FXCM exports).</summary>
    public static readonly TimeZoneInfo FixedEst = TimeZoneInfo.CreateCustomTimeZone("UTC-05", TimeSpan.FromHours(-5), "UTC-05", "UTC-05");

    /// <summary>
    /// Resolves a zone name: an IANA id (<c>America/Chicago</c>), <c>UTC</c>, a fixed offset
    /// (<c>UTC-05</c>, <c>UTC+02:00</c>, <c>-05:00</c>), the aliases used in file headers
    /// (<c>ny</c>, <c>chicago</c>) or <c>EST</c> for fixed UTC-05.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a known zone or offset.</exception>
    public static TimeZoneInfo Resolve(string name)
    {
        var n = name.Trim();
        switch (n.ToLowerInvariant())
        {
            case "utc": case "z": case "gmt": return TimeZoneInfo.Utc;
            case "ny": case "newyork": case "new_york": return NewYork;
            case "chicago": return TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
            case "est": return FixedEst;
        }
        var offsetText = n.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) ? n[3..] : n;
        if (offsetText.Length > 0 && (offsetText[0] == '+' || offsetText[0] == '-') && TryParseOffset(offsetText, out var offset))
            return offset == TimeSpan.Zero ? TimeZoneInfo.Utc : TimeZoneInfo.CreateCustomTimeZone($"UTC{offsetText}", offset, $"UTC{offsetText}", $"UTC{offsetText}");
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(n);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ArgumentException($"unknown time zone '{name}': use an IANA name such as America/New_York, UTC, or a fixed offset such as UTC-05");
        }
    }

    private static bool TryParseOffset(string text, out TimeSpan offset)
    {
        offset = default;
        int sign = text[0] == '-' ? -1 : 1;
        var body = text[1..];
        string[] parts = body.Split(':');
        if (parts.Length > 2 || !int.TryParse(parts[0], out var hours) || hours > 14) return false;
        int minutes = 0;
        if (parts.Length == 2 && (!int.TryParse(parts[1], out minutes) || minutes >= 60)) return false;
        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }
}
