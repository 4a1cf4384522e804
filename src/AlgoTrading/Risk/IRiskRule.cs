namespace AlgoTrading.Risk;

/// <summary>
/// One rule of the pre-trade chain. It is asked only about changes that open or increase exposure
/// (reductions always pass) and answers pass, resize (to fewer absolute units) or refuse, with a reason
/// that starts with its <see cref="Name"/> and gives the numbers. Rules run in order; a refusal stops
/// the chain, a resize passes the smaller size on.
/// </summary>
public interface IRiskRule
{
    /// <summary>The rule's name as reasons and breaker states spell it (<c>max_units</c>).</summary>
    string Name { get; }

    /// <summary>Reviews <paramref name="request"/>.</summary>
    /// <param name="request">The change.</param>
    /// <param name="allowed">Absolute units the rules before it allow (at most |target|).</param>
    /// <param name="floor">Absolute units of the position the change starts from (0 for a reversal): a size rule resizes no lower than this unless it must.</param>
    RiskRuleResult Review(in RiskRequest request, double allowed, double floor);
}
