using AlgoTrading.Models;

namespace AlgoTrading.Models.Torch;

/// <summary>Creates and loads LSTM or GRU models (one factory per cell).</summary>
internal sealed class RecurrentModelFactory(RecurrentCell cell) : IModelFactory
{
    public string Kind => cell.Kind();

    public IModel Create(ModelTask task, IReadOnlyDictionary<string, string> hyperparameters, string labelDefinition) =>
        new RecurrentModel(cell, task, RecurrentHyperparameters.Parse(hyperparameters, Kind), labelDefinition);

    public IModel Load(string directory, ModelMetadata metadata)
    {
        if (!string.Equals(metadata.Kind, Kind, StringComparison.OrdinalIgnoreCase))
            throw new ModelInputException($"{directory}: metadata says kind '{metadata.Kind}', not '{Kind}'");
        return RecurrentModel.Load(cell, directory, metadata);
    }
}
