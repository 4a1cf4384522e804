namespace AlgoTrading.Data.Processors;

/// <summary>Why a row failed validation. <see cref="ValidationIssues.SnakeCase"/> gives the report names.</summary>
public enum ValidationIssue
{
    /// <summary>A price is NaN or its field was empty.</summary>
    MissingValue,
    /// <summary>A price is zero or negative.</summary>
    NonPositivePrice,
    /// <summary>High is below low on some side.</summary>
    HighBelowLow,
    /// <summary>Open lies outside [low, high].</summary>
    OpenOutsideRange,
    /// <summary>Close lies outside [low, high].</summary>
    CloseOutsideRange,
    /// <summary>Ask below bid (compared field by field for bars).</summary>
    CrossedQuote,
    /// <summary>The same timestamp as the previous row.</summary>
    DuplicateTimestamp,
    /// <summary>A timestamp earlier than the previous row's.</summary>
    OutOfOrder,
    /// <summary>A close-to-close log return beyond the configured number of standard deviations.</summary>
    Spike,
    /// <summary>A price is infinite.</summary>
    NonFinitePrice,
    /// <summary>
    /// A positive, finite price no market quotes: outside [<see cref="ValidationOptions.MinPrice"/>,
    /// <see cref="ValidationOptions.MaxPrice"/>], or more than <see cref="ValidationOptions.MaxJump"/>
    /// times away from the previous close (or, on a first row, from the row's own other prices).
    /// </summary>
    ImplausiblePrice,
    /// <summary>A trade bar's volume is NaN, infinite or negative.</summary>
    BadVolume,
}

/// <summary>Names of <see cref="ValidationIssue"/> as reports and JSON spell them.</summary>
public static class ValidationIssues
{
    /// <summary><c>crossed_quote</c>, <c>duplicate_timestamp</c>, … .</summary>
    public static string SnakeCase(this ValidationIssue issue) => issue switch
    {
        ValidationIssue.MissingValue => "missing_value",
        ValidationIssue.NonPositivePrice => "non_positive_price",
        ValidationIssue.HighBelowLow => "high_below_low",
        ValidationIssue.OpenOutsideRange => "open_outside_range",
        ValidationIssue.CloseOutsideRange => "close_outside_range",
        ValidationIssue.CrossedQuote => "crossed_quote",
        ValidationIssue.DuplicateTimestamp => "duplicate_timestamp",
        ValidationIssue.OutOfOrder => "out_of_order",
        ValidationIssue.Spike => "spike",
        ValidationIssue.NonFinitePrice => "non_finite_price",
        ValidationIssue.ImplausiblePrice => "implausible_price",
        ValidationIssue.BadVolume => "bad_volume",
        _ => issue.ToString(),
    };

    /// <summary>A few words saying what is wrong, for one-line error messages.</summary>
    public static string Describe(this ValidationIssue issue) => issue switch
    {
        ValidationIssue.MissingValue => "the price is empty or NaN",
        ValidationIssue.NonPositivePrice => "the price is zero or negative",
        ValidationIssue.HighBelowLow => "the high is below the low",
        ValidationIssue.OpenOutsideRange => "the open lies outside low..high",
        ValidationIssue.CloseOutsideRange => "the close lies outside low..high",
        ValidationIssue.CrossedQuote => "the ask is below the bid",
        ValidationIssue.DuplicateTimestamp => "the same time as another row",
        ValidationIssue.OutOfOrder => "earlier than the row before it",
        ValidationIssue.Spike => "a jump far beyond the series' typical move",
        ValidationIssue.NonFinitePrice => "the price is infinite",
        ValidationIssue.ImplausiblePrice => "the price is implausible: outside the plausible band or too many times the previous close",
        ValidationIssue.BadVolume => "the volume is NaN, infinite or negative",
        _ => issue.ToString(),
    };
}
