namespace AlgoTrading.Models;

/// <summary>
/// A supervised model behind one interface, whatever library computes it (LightGBM, XGBoost,
/// libtorch, an ensemble). Fitting sees only the rows it is given; predicting row t reads rows
/// t − <see cref="ModelMetadata.LookbackRows"/> + 1 … t and nothing later, so a model cannot look ahead
/// by construction.
/// </summary>
/// <remarks>
/// Output convention: one value per row, the probability of class 1 for
/// <see cref="ModelTask.BinaryClassification"/>, the predicted value for
/// <see cref="ModelTask.Regression"/>. Rows without enough history for a sequence model get NaN.
/// </remarks>
public interface IModel : IDisposable
{
    /// <summary>What the model is; feature names are known after <see cref="Fit"/> or load.</summary>
    ModelMetadata Metadata { get; }

    /// <summary>Trains on <paramref name="train"/>; <paramref name="validation"/>, when given, drives early stopping only.</summary>
    /// <exception cref="ModelInputException">Unusable training data (one class, too few rows, non-finite values).</exception>
    void Fit(TrainingSet train, TrainingSet? validation = null);

    /// <summary>Predicts every row of <paramref name="features"/> into <paramref name="output"/> (length = rows).</summary>
    void Predict(ModelMatrix features, Span<float> output);

    /// <summary>
    /// Predicts the newest row from the last <see cref="ModelMetadata.LookbackRows"/> rows, row-major and
    /// oldest first, as a live runner does on each closed bar. Allocates nothing for tree models.
    /// </summary>
    float PredictLatest(ReadOnlySpan<float> rows);

    /// <summary>Writes the model's own files into <paramref name="directory"/> (created if needed); the model store adds the metadata JSON.</summary>
    void Save(string directory);
}

/// <summary>A model that can say which features drive it.</summary>
public interface IExplainableModel : IModel
{
    /// <summary>Global importance per feature (total gain), in <see cref="ModelMetadata.FeatureNames"/> order.</summary>
    IReadOnlyList<double> FeatureImportance();

    /// <summary>
    /// Per-prediction contributions (SHAP values, in the model's raw output units) for every row:
    /// <paramref name="output"/> is rows × (features + 1), row-major, the last column the bias; each
    /// row sums to the raw prediction.
    /// </summary>
    void Contributions(ModelMatrix features, Span<float> output);
}

/// <summary>
/// Creates and loads models of one kind. Opt-in packages register theirs with <see cref="ModelKinds"/>, so that
/// the core's model store and strategies load any kind by name without referencing native libraries.
/// </summary>
public interface IModelFactory
{
    /// <summary>The kind this factory makes, lower case (e.g. <c>lightgbm</c>).</summary>
    string Kind { get; }

    /// <summary>A new, untrained model with <paramref name="hyperparameters"/> (unknown keys are refused with a <see cref="ModelInputException"/> naming them).</summary>
    IModel Create(ModelTask task, IReadOnlyDictionary<string, string> hyperparameters, string labelDefinition);

    /// <summary>Loads a model saved by <see cref="IModel.Save"/> from <paramref name="directory"/>, with the metadata the store kept.</summary>
    IModel Load(string directory, ModelMetadata metadata);

    /// <summary>The library (and version) that computes this kind, recorded in the model store's metadata.</summary>
    string LibraryVersion => "";
}
