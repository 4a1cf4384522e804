using AlgoTrading.Models;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// Entry point of the opt-in libtorch package: makes the <c>lstm</c> and <c>gru</c> model kinds
/// available to <see cref="ModelKinds"/>, so the core's model store, the command line and notebooks
/// create and load them by name.
/// </summary>
public static class TorchModels
{
    /// <summary>Registers the <c>lstm</c> and <c>gru</c> factories; calling it again is harmless.</summary>
    public static void Register()
    {
        ModelKinds.Register(new RecurrentModelFactory(RecurrentCell.Lstm));
        ModelKinds.Register(new RecurrentModelFactory(RecurrentCell.Gru));
    }
}
