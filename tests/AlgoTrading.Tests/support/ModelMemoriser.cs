using AlgoTrading.Models;

namespace AlgoTrading.Tests.Support;

/// <summary>
/// Predicts the label of the training row nearest in the first feature: the perfect memoriser, which
/// scores above chance exactly when a test row's neighbours in time trained with an overlapping label.
/// Registered as the kind <c>nearest-neighbour</c> by <see cref="Register"/> (for ensembles, which create members by kind).
/// </summary>
public sealed class ModelMemoriser : IModel
{
    public const string Kind = "nearest-neighbour";
    private TrainingSet? _train;

    public ModelMetadata Metadata { get; } = new(Kind, ModelTask.BinaryClassification, new Dictionary<string, string>(), [], "test");
    public void Fit(TrainingSet train, TrainingSet? validation = null) => _train = train;
    public void Predict(ModelMatrix features, Span<float> output)
    {
        for (int r = 0; r < features.Rows; r++) output[r] = PredictLatest(features.Row(r));
    }
    public float PredictLatest(ReadOnlySpan<float> rows)
    {
        int best = 0;
        float distance = float.MaxValue;
        for (int i = 0; i < _train!.Rows; i++)
        {
            float d = Math.Abs(_train.Features.Row(i)[0] - rows[0]);
            if (d < distance) (distance, best) = (d, i);
        }
        return _train.Labels[best];
    }
    public void Save(string directory) { }
    public void Dispose() { }

    /// <summary>Makes the kind available to <see cref="ModelKinds"/>.</summary>
    public static void Register() => ModelKinds.Register(new Factory());

    private sealed class Factory : IModelFactory
    {
        public string Kind => ModelMemoriser.Kind;
        public IModel Create(ModelTask task, IReadOnlyDictionary<string, string> hyperparameters, string labelDefinition) => new ModelMemoriser();
        public IModel Load(string directory, ModelMetadata metadata) => throw new NotSupportedException();
    }
}
