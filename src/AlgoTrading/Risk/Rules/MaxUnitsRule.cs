namespace AlgoTrading.Risk.Rules;

/// <summary>Resizes any position larger than the limit, in units, to the limit.</summary>
internal sealed class MaxUnitsRule(double limit) : IRiskRule
{
    public string Name => "max_units";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor) =>
        allowed > limit ? RiskRuleResult.Resize(limit, $"max_units: {Math.Abs(request.TargetUnits):F0} units resized to {limit:F0}") : RiskRuleResult.Pass;
}
