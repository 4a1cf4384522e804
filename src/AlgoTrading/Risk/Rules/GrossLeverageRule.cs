namespace AlgoTrading.Risk.Rules;

/// <summary>Caps gross leverage: the sum of every position's absolute notional (working orders included) over equity.</summary>
internal sealed class GrossLeverageRule(double limit) : IRiskRule
{
    public string Name => "max_gross_leverage";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor) =>
        ExposureCap.GrossCap(Name, null, request, limit, allowed, floor);
}
