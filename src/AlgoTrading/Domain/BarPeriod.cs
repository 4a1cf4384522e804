namespace AlgoTrading.Domain;

/// <summary>The unit of a <see cref="BarPeriod"/>.</summary>
public enum PeriodUnit
{
    /// <summary>Unaggregated ticks; <see cref="BarPeriod.Count"/> is 0.</summary>
    Tick,
    /// <summary>Seconds.</summary>
    Second,
    /// <summary>Minutes.</summary>
    Minute,
    /// <summary>Hours.</summary>
    Hour,
    /// <summary>Trading days (for FX the day ends at 17:00 America/New_York).</summary>
    Day,
    /// <summary>Trading weeks.</summary>
    Week,
    /// <summary>Calendar months of trading days.</summary>
    Month,
}

/// <summary>
/// A bar resolution such as M1, H4 or D1. Names follow the usual trading-platform convention:
/// <c>TICK</c>, <c>S5</c>, <c>M1</c>, <c>M15</c>, <c>H1</c>, <c>H4</c>, <c>D1</c>, <c>W1</c>, <c>MN1</c>.
/// </summary>
public readonly record struct BarPeriod(PeriodUnit Unit, int Count)
{
    /// <summary>Unaggregated ticks.</summary>
    public static readonly BarPeriod Tick = new(PeriodUnit.Tick, 0);
    /// <summary>One second.</summary>
    public static readonly BarPeriod S1 = new(PeriodUnit.Second, 1);
    /// <summary>One minute.</summary>
    public static readonly BarPeriod M1 = new(PeriodUnit.Minute, 1);
    /// <summary>Five minutes.</summary>
    public static readonly BarPeriod M5 = new(PeriodUnit.Minute, 5);
    /// <summary>Fifteen minutes.</summary>
    public static readonly BarPeriod M15 = new(PeriodUnit.Minute, 15);
    /// <summary>One hour.</summary>
    public static readonly BarPeriod H1 = new(PeriodUnit.Hour, 1);
    /// <summary>Four hours.</summary>
    public static readonly BarPeriod H4 = new(PeriodUnit.Hour, 4);
    /// <summary>One trading day.</summary>
    public static readonly BarPeriod D1 = new(PeriodUnit.Day, 1);
    /// <summary>One trading week.</summary>
    public static readonly BarPeriod W1 = new(PeriodUnit.Week, 1);
    /// <summary>One month.</summary>
    public static readonly BarPeriod MN1 = new(PeriodUnit.Month, 1);

    /// <summary>True for periods of a fixed length (seconds to days); false for ticks, weeks and months.</summary>
    public bool IsIntraday => Unit is PeriodUnit.Second or PeriodUnit.Minute or PeriodUnit.Hour;

    /// <summary>
    /// The nominal length. Days are 24 h and weeks 7 days; months have no fixed length and
    /// return 30 days, which callers must only use as a rough scale, never for alignment.
    /// </summary>
    public TimeSpan Duration => Unit switch
    {
        PeriodUnit.Tick => TimeSpan.Zero,
        PeriodUnit.Second => TimeSpan.FromSeconds(Count),
        PeriodUnit.Minute => TimeSpan.FromMinutes(Count),
        PeriodUnit.Hour => TimeSpan.FromHours(Count),
        PeriodUnit.Day => TimeSpan.FromDays(Count),
        PeriodUnit.Week => TimeSpan.FromDays(7 * Count),
        _ => TimeSpan.FromDays(30 * Count),
    };

    /// <inheritdoc />
    public override string ToString() => Unit switch
    {
        PeriodUnit.Tick => "TICK",
        PeriodUnit.Second => $"S{Count}",
        PeriodUnit.Minute => $"M{Count}",
        PeriodUnit.Hour => $"H{Count}",
        PeriodUnit.Day => $"D{Count}",
        PeriodUnit.Week => $"W{Count}",
        _ => $"MN{Count}",
    };

    /// <summary>Parses names such as <c>M1</c>, <c>h4</c>, <c>D1</c>, <c>MN1</c> or <c>tick</c>.</summary>
    /// <exception cref="FormatException">The text is not a period name.</exception>
    public static BarPeriod Parse(string text)
    {
        if (TryParse(text, out var period)) return period;
        throw new FormatException($"'{text}' is not a bar period; expected TICK, S<n>, M<n>, H<n>, D<n>, W<n> or MN<n> (for example M1, H4, D1).");
    }

    /// <summary>Tries to parse a period name; see <see cref="Parse"/>.</summary>
    public static bool TryParse(string? text, out BarPeriod period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().ToUpperInvariant();
        if (t == "TICK") { period = Tick; return true; }
        (PeriodUnit unit, int prefix) = t.StartsWith("MN", StringComparison.Ordinal) ? (PeriodUnit.Month, 2)
            : t[0] switch
            {
                'S' => (PeriodUnit.Second, 1),
                'M' => (PeriodUnit.Minute, 1),
                'H' => (PeriodUnit.Hour, 1),
                'D' => (PeriodUnit.Day, 1),
                'W' => (PeriodUnit.Week, 1),
                _ => ((PeriodUnit)(-1), 0),
            };
        if (prefix == 0 || !int.TryParse(t.AsSpan(prefix), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) || count <= 0)
            return false;
        period = new BarPeriod(unit, count);
        return true;
    }
}
