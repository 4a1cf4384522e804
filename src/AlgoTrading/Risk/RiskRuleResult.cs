namespace AlgoTrading.Risk;

/// <summary>What one rule said: pass, resize to <see cref="Units"/> absolute units, or refuse.</summary>
/// <param name="Action">Pass, resize or refuse.</param>
/// <param name="Units">For a resize, the absolute units allowed; for a refusal, the signed position to hold, or NaN to keep the current one (flat after a refused reversal).</param>
/// <param name="Reason">Rule name and numbers (null for pass).</param>
public readonly record struct RiskRuleResult(RiskRuleAction Action, double Units, string? Reason)
{
    /// <summary>No objection.</summary>
    public static RiskRuleResult Pass => default;
    /// <summary>Allow <paramref name="units"/> absolute units instead.</summary>
    public static RiskRuleResult Resize(double units, string reason) => new(RiskRuleAction.Resize, units, reason);
    /// <summary>Refuse the increase: the position stays (a reversal only closes).</summary>
    public static RiskRuleResult Refuse(string reason) => new(RiskRuleAction.Refuse, double.NaN, reason);
}

/// <summary>A rule's answer.</summary>
public enum RiskRuleAction
{
    /// <summary>No objection.</summary>
    Pass,
    /// <summary>Fewer units.</summary>
    Resize,
    /// <summary>No increase at all.</summary>
    Refuse,
}
