namespace AlgoTrading.Risk.Rules;

/// <summary>
/// Caps the absolute exposure to each currency (or index underlying) other than the account currency.
/// A position of u units at mid p with quote-to-account rate r is +u·p·r of its base currency and −u·p·r of
/// its quote currency, in the account currency; working orders count as filled. So EUR_USD long and
/// EUR_GBP long both add EUR.
/// </summary>
internal sealed class CurrencyExposureRule(double limit) : IRiskRule
{
    public string Name => "max_currency_exposure";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor)
    {
        if (ExposureCap.Missing(request, currencies: true) is { } missing) return RiskRuleResult.Refuse($"{Name}: {missing}");
        double result = allowed;
        string? reason = null;
        Cap(request, request.BaseCurrency!, +1, floor, ref result, ref reason);
        Cap(request, request.QuoteCurrency!, -1, floor, ref result, ref reason);
        return reason is null ? RiskRuleResult.Pass : RiskRuleResult.Resize(result, reason);
    }

    private void Cap(in RiskRequest request, string currency, int side, double floor, ref double allowed, ref string? reason)
    {
        var book = request.Exposure!;
        if (currency == book.AccountCurrency) return;
        double others = 0;
        foreach (ref readonly var e in book.Items)
            if (!ExposureCap.IsSelf(e, request))
                others += e.ExposureTo(currency);
        double equity = request.Portfolio.Equity, perSignedUnit = side * request.UnitValue;
        double now = Math.Abs(others + perSignedUnit * (request.CurrentUnits + request.WorkingUnits));
        double perUnit = perSignedUnit * Math.Sign(request.TargetUnits);
        double resized = ExposureCap.Largest(others, perUnit, Math.Max(limit * equity, now), allowed, floor);
        if (resized >= allowed) return;
        reason = $"{Name}: " + ExposureCap.Describe($"{currency} exposure", others + perUnit * allowed, equity, limit, allowed, resized);
        allowed = resized;
    }
}
