namespace AlgoTrading.Risk.Rules;

/// <summary>
/// Keeps margin headroom: the margin of every position and working order (absolute notional times the
/// instrument's margin rate) may use at most (1 − headroom) of equity.
/// </summary>
internal sealed class MarginHeadroomRule(double headroom) : IRiskRule
{
    public string Name => "min_margin_headroom";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        if (ExposureCap.Missing(request, marginRate: true) is { } missing) return RiskRuleResult.Refuse($"{Name}: {missing}");
        double others = 0;
        foreach (ref readonly var e in request.Exposure!.Items)
            if (!ExposureCap.IsSelf(e, request)) others += e.GrossUnits * e.UnitValue * e.MarginRate;
        double equity = request.Portfolio.Equity, perUnit = request.UnitValue * request.MarginRate;
        double resized = ExposureCap.Largest(others, perUnit, Math.Max((1 - headroom) * equity, others + perUnit * ExposureCap.GrossUnitsNow(request)), allowed, floor);
        if (resized >= allowed) return RiskRuleResult.Pass;
        double margin = others + perUnit * allowed;
        return RiskRuleResult.Resize(resized,
            $"{Name}: margin would be {margin:F2} of equity {equity:F2}, leaving {100 * (1 - margin / equity):F2}% free (limit {100 * headroom:F2}%); {allowed:F0} units resized to {resized:F0}");
    }
}
