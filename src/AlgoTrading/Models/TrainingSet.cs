namespace AlgoTrading.Models;

/// <summary>
/// Rows to learn from: features, one label per row (0 or 1 for classification, a value for
/// regression), optional non-negative sample weights and, when known, each label's end time. For
/// sequence models a row's label belongs to the window that ends at that row.
/// </summary>
/// <param name="Features">The rows, sorted by bar start.</param>
/// <param name="Labels">One label per row.</param>
/// <param name="Weights">Sample weights, or null for equal weights.</param>
/// <param name="LabelEnd">
/// Bar-start time (UTC ticks) of the last bar each row's label depends on, or null when unknown. A model
/// that validates inside <see cref="IModel.Fit"/> (stacking's out-of-fold predictions) purges with these
/// exactly as <see cref="Validation.PurgedSplits"/> does.
/// </param>
public sealed record TrainingSet(ModelMatrix Features, float[] Labels, float[]? Weights = null, long[]? LabelEnd = null)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Features.Rows;
}
