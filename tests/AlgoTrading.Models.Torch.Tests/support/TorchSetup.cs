using TorchSharp;

namespace AlgoTrading.Models.Torch.Tests.Support;

/// <summary>
/// Registers the kinds and pins libtorch to one thread for the whole test process: CI has 2 cores,
/// and libtorch's OpenMP pool spin-waits, which costs far more than it gains on tiny networks.
/// </summary>
public static class TorchSetup
{
    private static readonly Lazy<bool> Done = new(() =>
    {
        torch.set_num_threads(1);
        TorchModels.Register();
        return true;
    });

    /// <summary>A new model of <paramref name="kind"/> (lstm or gru).</summary>
    public static IModel Create(string kind, IReadOnlyDictionary<string, string> settings, ModelTask task = ModelTask.BinaryClassification)
    {
        _ = Done.Value;
        return ModelKinds.Get(kind).Create(task, settings, "synthetic:x0[t-2]+x1[t-5]>0");
    }

    /// <summary>Loads a model saved in <paramref name="directory"/> with its in-memory metadata, as the model store does.</summary>
    public static IModel Load(string directory, ModelMetadata metadata)
    {
        _ = Done.Value;
        return ModelKinds.Get(metadata.Kind).Load(directory, metadata);
    }
}
