namespace AlgoTrading.Risk.Rules;

/// <summary>
/// The arithmetic every exposure cap shares. A capped quantity is linear in the reviewed instrument's
/// absolute units <c>a</c>: <c>|others + perUnit * a|</c>; the cap is the configured limit or, when the book
/// is already beyond it, the value now (a change may not make an over-limit book worse, and is not forced
/// to cut a position it already holds). Also the facts the exposure rules need, and the sums over the book.
/// </summary>
internal static class ExposureCap
{
    /// <summary>Largest whole absolute units in [0, <paramref name="allowed"/>] with <c>|others + perUnit * a| ≤ cap</c>, never below min(floor, allowed).</summary>
    public static double Largest(double others, double perUnit, double cap, double allowed, double floor)
    {
        if (Math.Abs(others + perUnit * allowed) <= cap) return allowed;
        double lo, hi;
        if (perUnit > 0) (lo, hi) = ((-cap - others) / perUnit, (cap - others) / perUnit);
        else if (perUnit < 0) (lo, hi) = ((cap - others) / perUnit, (-cap - others) / perUnit);
        else (lo, hi) = (1, 0); // the quantity does not depend on a and is over the cap: no size helps
        lo = Math.Max(lo, 0);
        hi = Math.Min(hi, allowed);
        double best = hi < lo ? 0 : Math.Floor(hi) >= lo ? Math.Floor(hi) : hi;
        return Math.Max(best, Math.Min(floor, allowed));
    }

    /// <summary>What the exposure rules lack to judge the request, or null when every fact is there.</summary>
    public static string? Missing(in RiskRequest request, bool currencies = false, bool marginRate = false)
    {
        if (request.Exposure is not { } book) return "no exposure snapshot was given with the request";
        if (!(request.Portfolio.Equity > 0)) return $"equity is {request.Portfolio.Equity:F2}";
        if (!(request.UnitValue > 0)) return $"no price or quote-to-account rate for {request.Instrument.Symbol}";
        if (currencies && (request.BaseCurrency is null || request.QuoteCurrency is null)) return $"no base and quote currency for {request.Instrument.Symbol}";
        if (marginRate && !(request.MarginRate >= 0)) return $"no margin rate for {request.Instrument.Symbol}";
        foreach (ref readonly var e in book.Items)
        {
            if (IsSelf(e, request)) continue;
            if (!double.IsFinite(e.UnitValue)) return $"no price or quote-to-account rate for {e.Symbol}";
            if (marginRate && !(e.MarginRate >= 0)) return $"no margin rate for {e.Symbol}";
        }
        return null;
    }

    /// <summary>Whether <paramref name="e"/> is the reviewed instrument's own entry (replaced by the request's units).</summary>
    public static bool IsSelf(in InstrumentExposure e, in RiskRequest request) => e.Symbol == request.Instrument.Symbol && e.Strategy == request.Strategy;

    /// <summary>The reviewed instrument's absolute units now for gross sums: the worse of filled and filled plus working.</summary>
    public static double GrossUnitsNow(in RiskRequest request) => Math.Max(Math.Abs(request.CurrentUnits), Math.Abs(request.CurrentUnits + request.WorkingUnits));

    /// <summary>
    /// The gross-notional caps (account, strategy, correlation bucket): the absolute notional of the entries
    /// <paramref name="include"/> selects (given <paramref name="key"/>; null selects all), plus the reviewed
    /// instrument at <c>a</c> units, may not exceed <paramref name="limit"/> times equity. The reason names
    /// <paramref name="subject"/> (a strategy or bucket; null for the whole account).
    /// </summary>
    public static RiskRuleResult GrossCap(string rule, string? subject, in RiskRequest request, double limit, double allowed, double floor,
        Func<InstrumentExposure, string?, bool>? include = null, string? key = null)
    {
        if (Missing(request) is { } missing) return RiskRuleResult.Refuse($"{rule}: {missing}");
        double others = 0;
        foreach (ref readonly var e in request.Exposure!.Items)
            if (!IsSelf(e, request) && (include is null || include(e, key))) others += e.GrossUnits * e.UnitValue;
        double equity = request.Portfolio.Equity, v = request.UnitValue;
        double resized = Largest(others, v, Math.Max(limit * equity, others + v * GrossUnitsNow(request)), allowed, floor);
        return resized >= allowed ? RiskRuleResult.Pass
            : RiskRuleResult.Resize(resized, $"{rule}: " + Describe(subject is null ? "gross notional" : $"{subject} gross notional", others + v * allowed, equity, limit, allowed, resized));
    }

    /// <summary>Reason tail shared by the leverage caps: what the quantity would be at <paramref name="allowed"/>, the limit, and the resize.</summary>
    public static string Describe(string what, double value, double equity, double limit, double allowed, double resized) =>
        $"{what} would be {value:F2} ({value / equity:F2}x equity {equity:F2}; limit {limit:F2}x); {allowed:F0} units resized to {resized:F0}";
}
