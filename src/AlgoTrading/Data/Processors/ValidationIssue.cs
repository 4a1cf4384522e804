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
        _ => issue.ToString(),
    };
}
