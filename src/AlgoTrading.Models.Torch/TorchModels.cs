using AlgoTrading.Models;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// Entry point of the opt-in libtorch package: makes the <c>lstm</c> and <c>gru</c> model kinds
/// available to <see cref="ModelKinds"/>, so the core's model store, the command line and notebooks
/// create and load them by name.
/// </summary>
public static class TorchModels
{
    /// <summary>
    /// Registers the <c>lstm</c> and <c>gru</c> factories; calling it again is harmless. Call it before
    /// anything else touches TorchSharp: where no build step patched libLibTorchSharp.so (a notebook's
    /// <c>#r "nuget: ..."</c>), it loads a patched copy from <c>~/.cache/algotrading/libtorchsharp</c> first
    /// (docs/models/torch.md). It also keeps libtorch's oneDNN kernels at AVX2, unless you set
    /// <c>ONEDNN_MAX_CPU_ISA</c> yourself: their AVX-512 path trains LSTMs wrongly.
    /// </summary>
    public static void Register()
    {
        OneDnnInstructionSet.CapAtAvx2();
        LibTorchSharpLoader.EnsureLoadable();
        ModelKinds.Register(new RecurrentModelFactory(RecurrentCell.Lstm));
        ModelKinds.Register(new RecurrentModelFactory(RecurrentCell.Gru));
    }
}
