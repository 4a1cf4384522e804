namespace AlgoTrading.Risk.Rules;

/// <summary>Per-instrument limits (<see cref="RiskLimits.Instruments"/>): units and notional as a multiple of equity, working orders included.</summary>
internal sealed class InstrumentLimitRule(IReadOnlyDictionary<string, InstrumentRiskLimits> limits) : IRiskRule
{
    public string Name => "instrument_limit";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        string symbol = request.Instrument.Symbol;
        if (!limits.TryGetValue(symbol, out var limit)) return RiskRuleResult.Pass;
        double result = allowed, now = ExposureCap.GrossUnitsNow(request);
        string? reason = null;
        if (limit.MaxUnits is { } maxUnits)
        {
            double resized = ExposureCap.Largest(0, 1, Math.Max(maxUnits, now), result, floor);
            if (resized < result) (reason, result) = ($"{Name}: {symbol} max_units {maxUnits:F0}; {result:F0} units resized to {resized:F0}", resized);
        }
        if (limit.MaxLeverage is { } maxLeverage)
        {
            double equity = request.Portfolio.Equity, v = request.UnitValue;
            if (!(equity > 0) || !(v > 0)) return RiskRuleResult.Refuse($"{Name}: {symbol} max_leverage needs equity and a price (equity {equity:F2}, unit value {v})");
            double resized = ExposureCap.Largest(0, v, Math.Max(maxLeverage * equity, v * now), result, floor);
            if (resized < result) (reason, result) = ($"{Name}: " + ExposureCap.Describe($"{symbol} notional", v * result, equity, maxLeverage, result, resized), resized);
        }
        return reason is null ? RiskRuleResult.Pass : RiskRuleResult.Resize(result, reason);
    }
}
