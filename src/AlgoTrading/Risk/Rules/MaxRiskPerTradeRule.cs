namespace AlgoTrading.Risk.Rules;

/// <summary>Resizes a position whose loss at the stop (stop distance times units, in the account currency) would exceed the limit's fraction of equity.</summary>
internal sealed class MaxRiskPerTradeRule(double limit) : IRiskRule
{
    public string Name => "max_risk_per_trade";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        double stop = request.StopDistance, rate = request.Instrument.QuoteToAccount;
        if (!(stop > 0)) return RiskRuleResult.Pass;
        double riskUnits = Math.Floor(request.Portfolio.Equity * limit / (stop * rate));
        return allowed > riskUnits
            ? RiskRuleResult.Resize(riskUnits, $"max_risk_per_trade: {allowed:F0} units would risk {allowed * stop * rate:F2} at the stop; resized to {riskUnits:F0} ({100 * limit:F2}% of equity)")
            : RiskRuleResult.Pass;
    }
}
