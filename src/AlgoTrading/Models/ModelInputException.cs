namespace AlgoTrading.Models;

/// <summary>
/// Data given to a model is unusable: a non-finite feature after the warm-up, a label column with
/// one class, fewer rows than folds, a model file from another feature set, a corrupted model file.
/// The message is one line that names what is wrong (column, time, file), fit for a user.
/// </summary>
public sealed class ModelInputException(string message) : Exception(message);
