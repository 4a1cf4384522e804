namespace AlgoTrading.Risk.Rules;

/// <summary>One correlation bucket's cap (<see cref="CorrelationBucket"/>): the gross notional of its instruments, working orders included, as a multiple of equity.</summary>
internal sealed class CorrelationBucketRule : IRiskRule
{
    private readonly string _bucket;
    private readonly HashSet<string> _members;
    private readonly double _limit;
    private readonly Func<InstrumentExposure, string?, bool> _inBucket;

    public CorrelationBucketRule(string bucket, CorrelationBucket limits)
    {
        (_bucket, _members) = (bucket, [.. limits.Instruments]);
        _limit = limits.MaxLeverage ?? throw new ArgumentException($"correlation bucket {bucket} has no max_leverage");
        _inBucket = (e, _) => _members.Contains(e.Symbol);
    }

    public string Name => "correlation_bucket";

    public RiskRuleResult Review(in RiskRequest request, double allowed, double floor) =>
        _members.Contains(request.Instrument.Symbol) ? ExposureCap.GrossCap(Name, _bucket, request, _limit, allowed, floor, _inBucket) : RiskRuleResult.Pass;
}
