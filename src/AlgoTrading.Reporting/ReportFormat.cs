using System.Globalization;

namespace AlgoTrading.Reporting;

/// <summary>
/// How the tearsheet prints numbers: fractions as percent with a sign and two decimals (+12.34 %),
/// ratios with two decimals, durations in days, money with thousands separators; an undefined value
/// (NaN, null) as an em dash.
/// </summary>
public static class ReportFormat
{
    private const string Missing = "—";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>0.1234 → <c>+12.34 %</c>; −0.05 → <c>−5.00 %</c>; 0 → <c>0.00 %</c>.</summary>
    public static string Percent(double fraction) => !double.IsFinite(fraction) ? Missing
        : (fraction > 0 ? "+" : fraction < 0 ? "−" : "") + Math.Abs(fraction * 100).ToString("F2", Inv) + " %";

    /// <summary>A share without sign (volatility, win rate, exposure): 0.1234 → <c>12.34 %</c>.</summary>
    public static string Share(double fraction) => !double.IsFinite(fraction) ? Missing : (fraction * 100).ToString("F2", Inv) + " %";

    /// <summary>1.2345 → <c>1.23</c>; −0.5 → <c>−0.50</c>.</summary>
    public static string Ratio(double value) => !double.IsFinite(value) ? Missing
        : (value < 0 ? "−" : "") + Math.Abs(value).ToString("F2", Inv);

    /// <summary>A duration in days with one decimal below ten days: <c>3.5 days</c>, <c>42 days</c>.</summary>
    public static string Days(TimeSpan? span) => span is not { } s ? Missing
        : (s.TotalDays < 10 ? s.TotalDays.ToString("0.#", Inv) : Math.Round(s.TotalDays).ToString("0", Inv)) + (s.TotalDays == 1 ? " day" : " days");

    /// <summary>Money in the account currency: <c>−1,234.56</c>.</summary>
    public static string Money(double value) => !double.IsFinite(value) ? Missing
        : (value < 0 ? "−" : "") + Math.Abs(value).ToString("N2", Inv);

    /// <summary>A UTC time as <c>2024-03-01 14:00</c>, or the em dash.</summary>
    public static string Moment(DateTime? utc) => utc is { } t ? t.ToString("yyyy-MM-dd HH:mm", Inv) : Missing;
}
