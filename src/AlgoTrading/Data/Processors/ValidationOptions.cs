namespace AlgoTrading.Data.Processors;

/// <summary>Settings for <see cref="MarketDataValidator"/>.</summary>
public sealed record ValidationOptions
{
    /// <summary>The policy for every issue without an override. Default: <see cref="ValidationPolicy.Fail"/>.</summary>
    public ValidationPolicy Policy { get; init; } = ValidationPolicy.Fail;

    /// <summary>Per-issue policies that replace <see cref="Policy"/>.</summary>
    public IReadOnlyDictionary<ValidationIssue, ValidationPolicy> Overrides { get; init; } = new Dictionary<ValidationIssue, ValidationPolicy>();

    /// <summary>
    /// A close-to-close log return (mid for quotes) is a spike when its size exceeds this many
    /// standard deviations. The deviation is an exponentially weighted estimate over past returns
    /// only (no look-ahead), with the spike itself kept out of the estimate. Default 12: real FX
    /// returns are fat-tailed and news bars of 6-8 sigma are genuine.
    /// </summary>
    public double SpikeThreshold { get; init; } = 12;

    /// <summary>Returns observed before spikes are judged. Default 100.</summary>
    public int SpikeWarmup { get; init; } = 100;

    /// <summary>Half-life, in returns, of the deviation estimate. Default 250.</summary>
    public double SpikeHalfLife { get; init; } = 250;

    /// <summary>The policy that applies to <paramref name="issue"/>.</summary>
    public ValidationPolicy PolicyFor(ValidationIssue issue) => Overrides.TryGetValue(issue, out var p) ? p : Policy;

    /// <summary>Report only: every issue is counted, nothing is changed, nothing fails.</summary>
    public static ValidationOptions ReportOnly { get; } = new() { Policy = ValidationPolicy.Drop };
}
