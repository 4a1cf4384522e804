namespace AlgoTrading.Models;

/// <summary>
/// What a trained model is, enough to reproduce it and to refuse misuse: its kind (e.g.
/// <c>lightgbm</c>), task, hyperparameters (as given, invariant-culture strings), the feature names in
/// the column order it was trained on, the label definition (e.g. <c>direction:horizon=12,threshold=0.0005</c>),
/// and how many consecutive rows one prediction reads (<see cref="LookbackRows"/>: 1 for trees, the
/// sequence length for recurrent nets).
/// </summary>
public sealed record ModelMetadata(
    string Kind,
    ModelTask Task,
    IReadOnlyDictionary<string, string> Hyperparameters,
    IReadOnlyList<string> FeatureNames,
    string LabelDefinition,
    int LookbackRows = 1);
