using AlgoTrading.Models;

namespace AlgoTrading.Runner.Commands;

/// <summary>
/// The one place the command line makes opt-in model packages available: each referenced package's
/// <c>Register()</c> adds its kinds to <see cref="ModelKinds"/>. Add a line here (and a project
/// reference) for a new package.
/// </summary>
/// <remarks>
/// lstm and gru come from AlgoTrading.Models.Torch, which brings libtorch (about 460 MB). The runner built
/// in this repository references it (ALGOTRADING_CLI_TORCH, see the csproj); the packed AlgoTrading.Cli tool
/// does not, and there asking for either says how to get them (<see cref="TorchLeftOut"/>) before any data is read.
/// </remarks>
internal static class ModelPackages
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        AlgoTrading.Models.Gbdt.GbdtModels.Register();
#if ALGOTRADING_CLI_TORCH
        // Cheap: registers factories and checks the patched libLibTorchSharp.so; libtorch itself loads on first use.
        AlgoTrading.Models.Torch.TorchModels.Register();
#else
        foreach (var kind in new[] { "lstm", "gru" }) ModelKinds.RegisterUnavailable(kind, TorchLeftOut(kind));
#endif
    }

    /// <summary>Why the light tool has no <paramref name="kind"/>, and where to get it.</summary>
    internal static string TorchLeftOut(string kind) =>
        $"it needs libtorch (about 460 MB), which the AlgoTrading.Cli tool leaves out: run it from a source checkout " +
        $"(./algotrading train --model {kind} … or dotnet run --project src/AlgoTrading.Runner -- train …), or reference the package " +
        "AlgoTrading.Models.Torch in your own project and call TorchModels.Register()";
}
