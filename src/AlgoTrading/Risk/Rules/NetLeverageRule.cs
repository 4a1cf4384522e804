namespace AlgoTrading.Risk.Rules;

/// <summary>Caps net leverage: the absolute sum of signed notionals (long minus short, working orders included) over equity.</summary>
internal sealed class NetLeverageRule(double limit) : IRiskRule
{
    public string Name => "max_net_leverage";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        if (ExposureCap.Missing(request) is { } missing) return RiskRuleResult.Refuse($"{Name}: {missing}");
        double others = 0;
        foreach (ref readonly var e in request.Exposure!.Items)
            if (!ExposureCap.IsSelf(e, request)) others += e.PendingUnits * e.UnitValue;
        double equity = request.Portfolio.Equity, v = request.UnitValue, perUnit = v * Math.Sign(request.TargetUnits);
        double now = Math.Abs(others + v * (request.CurrentUnits + request.WorkingUnits));
        double resized = ExposureCap.Largest(others, perUnit, Math.Max(limit * equity, now), allowed, floor);
        return resized >= allowed ? RiskRuleResult.Pass
            : RiskRuleResult.Resize(resized, $"{Name}: " + ExposureCap.Describe("net notional", others + perUnit * allowed, equity, limit, allowed, resized));
    }
}
