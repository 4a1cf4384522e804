namespace AlgoTrading.Models.Gbdt;

/// <summary>
/// What the two tree libraries share: parameters, input checks, the early-stopping rule and the
/// metadata. A subclass owns one native booster handle and frees it on dispose.
/// </summary>
internal abstract class GbdtModel : IExplainableModel
{
    protected GbdtModel(string kind, ModelTask task, GbdtParameters parameters, string labelDefinition, IReadOnlyList<string> featureNames)
    {
        Parameters = parameters;
        Metadata = new ModelMetadata(kind, task, parameters.ToDictionary(), featureNames, labelDefinition);
    }

    public ModelMetadata Metadata { get; protected set; }
    protected GbdtParameters Parameters { get; }
    protected int FeatureCount => Metadata.FeatureNames.Count;
    protected bool Trained { get; set; }

    /// <summary>Boosting rounds kept after early stopping.</summary>
    public int Rounds { get; protected set; }

    public void Fit(TrainingSet train, TrainingSet? validation = null)
    {
        TrainingChecks.Validate(train, Metadata.Task);
        if (validation is not null)
        {
            TrainingChecks.Validate(validation, Metadata.Task, "validation");
            TrainingChecks.SameColumns(train.Features.Columns, validation.Features.Columns, "the training set");
        }
        Metadata = Metadata with { FeatureNames = train.Features.Columns.ToArray() };
        FitNative(train, validation);
        Trained = true;
    }

    /// <summary>
    /// Trains round by round; with a validation set, keeps the round with the lowest validation loss
    /// and stops after <see cref="GbdtParameters.EarlyStopping"/> rounds without improvement.
    /// Returns the rounds to keep.
    /// </summary>
    protected int Boost(Action<int> oneRound, Func<double>? validationLoss)
    {
        double best = double.PositiveInfinity;
        int bestRounds = 0;
        for (int round = 0; round < Parameters.Trees; round++)
        {
            oneRound(round);
            if (validationLoss is null) { bestRounds = round + 1; continue; }
            double loss = validationLoss();
            if (loss < best) { best = loss; bestRounds = round + 1; }
            else if (Parameters.EarlyStopping > 0 && round + 1 - bestRounds >= Parameters.EarlyStopping) break;
        }
        return bestRounds;
    }

    protected abstract void FitNative(TrainingSet train, TrainingSet? validation);

    public void Predict(ModelMatrix features, Span<float> output)
    {
        RequireTrained();
        TrainingChecks.SameColumns(Metadata.FeatureNames, features.Columns);
        if (output.Length != features.Rows) throw new ArgumentException($"output has {output.Length} slots for {features.Rows} rows");
        if (features.Rows == 0) return;
        PredictNative(features, output);
    }

    protected abstract void PredictNative(ModelMatrix features, Span<float> output);

    public float PredictLatest(ReadOnlySpan<float> rows)
    {
        RequireTrained();
        if (rows.Length < FeatureCount) throw new ArgumentException($"a row has {FeatureCount} features, {rows.Length} values given");
        return PredictRow(rows[^FeatureCount..]);
    }

    protected abstract float PredictRow(ReadOnlySpan<float> row);

    public abstract void Save(string directory);

    public abstract IReadOnlyList<double> FeatureImportance();

    public void Contributions(ModelMatrix features, Span<float> output)
    {
        RequireTrained();
        TrainingChecks.SameColumns(Metadata.FeatureNames, features.Columns);
        if (output.Length != features.Rows * (FeatureCount + 1)) throw new ArgumentException($"output needs {features.Rows} × {FeatureCount + 1} slots");
        if (features.Rows == 0) return;
        ContributionsNative(features, output);
    }

    protected abstract void ContributionsNative(ModelMatrix features, Span<float> output);

    protected void RequireTrained()
    {
        if (!Trained) throw new InvalidOperationException($"the {Metadata.Kind} model is not trained: call Fit or load it");
    }

    public abstract void Dispose();
}
