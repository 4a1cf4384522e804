namespace AlgoTrading.Models.Torch.Tests.Integration;

/// <summary>One LSTM and one GRU trained once on the synthetic signal (with early stopping on a validation split), shared by the tests that only read them.</summary>
public sealed class TrainedModels : IDisposable
{
    public readonly TrainingSet Train = SyntheticSequences.Make(1500, seed: 1);
    public readonly TrainingSet Validation = SyntheticSequences.Make(400, seed: 2);
    public readonly TrainingSet Test = SyntheticSequences.Make(400, seed: 3);
    private readonly Dictionary<string, IModel> models = [];

    public IModel this[string kind]
    {
        get
        {
            lock (models)
            {
                if (models.TryGetValue(kind, out var model)) return model;
                model = TorchSetup.Create(kind, SyntheticSequences.FastSettings());
                model.Fit(Train, Validation);
                return models[kind] = model;
            }
        }
    }

    public void Dispose()
    {
        foreach (var model in models.Values) model.Dispose();
    }
}
