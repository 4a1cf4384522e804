namespace AlgoTrading.Models;

/// <summary>
/// Rows to learn from: features, one label per row (0 or 1 for classification, a value for
/// regression) and optional non-negative sample weights. For sequence models a row's label belongs to
/// the window that ends at that row.
/// </summary>
public sealed record TrainingSet(ModelMatrix Features, float[] Labels, float[]? Weights = null)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Features.Rows;
}
