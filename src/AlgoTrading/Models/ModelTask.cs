namespace AlgoTrading.Models;

/// <summary>What a model predicts.</summary>
public enum ModelTask
{
    /// <summary>Two classes, 1 (e.g. "up") and 0; the model predicts the probability of class 1.</summary>
    BinaryClassification,
    /// <summary>A real value (e.g. a forward log return).</summary>
    Regression,
}
