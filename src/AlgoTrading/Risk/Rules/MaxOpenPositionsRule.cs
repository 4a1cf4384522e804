namespace AlgoTrading.Risk.Rules;

/// <summary>Refuses a new position (from flat) while the account already holds the limit's number of open positions.</summary>
internal sealed class MaxOpenPositionsRule(int limit) : IRiskRule
{
    public string Name => "max_open_positions";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor) =>
        request.CurrentUnits == 0 && request.Portfolio.OpenPositions >= limit
            ? new RiskRuleResult(RiskRuleAction.Refuse, 0, $"max_open_positions: {request.Portfolio.OpenPositions} open (limit {limit})")
            : RiskRuleResult.Pass;
}
