namespace AlgoTrading.Data.Processors;

/// <summary>Settings for <see cref="MarketDataValidator"/>.</summary>
public sealed record ValidationOptions
{
    /// <summary>The policy for every issue without an override. Default: <see cref="ValidationPolicy.Fail"/>.</summary>
    public ValidationPolicy Policy { get; init; } = ValidationPolicy.Fail;

    /// <summary>Per-issue policies that replace <see cref="Policy"/>. Default: spikes are kept (reported, not dropped).</summary>
    public IReadOnlyDictionary<ValidationIssue, ValidationPolicy> Overrides { get; init; } = DefaultOverrides;

    /// <summary>The default overrides: spike → keep.</summary>
    public static IReadOnlyDictionary<ValidationIssue, ValidationPolicy> DefaultOverrides { get; } =
        new Dictionary<ValidationIssue, ValidationPolicy> { [ValidationIssue.Spike] = ValidationPolicy.Keep };

    /// <summary>A copy whose spikes follow <paramref name="policy"/>.</summary>
    public ValidationOptions WithSpikes(ValidationPolicy policy) =>
        this with { Overrides = new Dictionary<ValidationIssue, ValidationPolicy>(Overrides) { [ValidationIssue.Spike] = policy } };

    /// <summary>
    /// A row is a spike when its close (mid for quotes) is more than this many standard deviations
    /// from both the previous close and the last close that was not a spike (so a recovery row
    /// is not flagged, and a genuine level shift costs one row). The deviation is an exponentially
    /// weighted estimate over past returns only (no look-ahead), fed with returns clipped at the
    /// threshold; a return spanning k bar periods (weekend, skipped bars) is compared with sqrt(k)
    /// deviations. Default 12: real returns are fat-tailed and news bars of 6-8 sigma are genuine.
    /// </summary>
    public double SpikeThreshold { get; init; } = 12;

    /// <summary>Returns observed before spikes are judged. Default 100.</summary>
    public int SpikeWarmup { get; init; } = 100;

    /// <summary>Half-life, in returns, of the deviation estimate. Default 250.</summary>
    public double SpikeHalfLife { get; init; } = 250;

    /// <summary>
    /// Prices below this are implausible for any instrument (1e-308 is a corrupted field, not a
    /// quote). Default 1e-8, in the instrument's quote currency.
    /// </summary>
    public double MinPrice { get; init; } = 1e-8;

    /// <summary>Prices above this are implausible for any instrument. Default 1e9, in the quote currency.</summary>
    public double MaxPrice { get; init; } = 1e9;

    /// <summary>
    /// A price more than this factor above or below the previous row's close of the same side
    /// (on a first row: the row's own close) is implausible. Default 4: no listed market moves by
    /// a factor of four in one bar, while a 2:1 split in unadjusted equity bars stays inside.
    /// Unlike spikes (which can be real) an implausible price is a broken row, so it follows the policy.
    /// </summary>
    public double MaxJump { get; init; } = 4;

    /// <summary>The policy that applies to <paramref name="issue"/>.</summary>
    public ValidationPolicy PolicyFor(ValidationIssue issue) => Overrides.TryGetValue(issue, out var p) ? p : Policy;

    /// <summary>Report only: every issue is counted, nothing is changed, nothing fails.</summary>
    public static ValidationOptions ReportOnly { get; } = new() { Policy = ValidationPolicy.Keep };
}
