using System.Collections.Concurrent;

namespace AlgoTrading.Models;

/// <summary>
/// The registry of model kinds available in this process. The core registers only managed kinds
/// (<c>ensemble</c>); each opt-in package (AlgoTrading.Models.Gbdt, AlgoTrading.Models.Torch) registers its
/// factories, e.g. from a <c>Register()</c> call the command line or a notebook makes once.
/// </summary>
public static class ModelKinds
{
    private static readonly ConcurrentDictionary<string, IModelFactory> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        // Managed kinds need no opt-in package.
        [Ensembles.EnsembleModel.Kind] = new Ensembles.EnsembleModel.Factory(),
    };

    // Kinds this process knows it cannot offer, with the reason and where to get them.
    private static readonly ConcurrentDictionary<string, string> Unavailable = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds or replaces the factory for its kind.</summary>
    public static void Register(IModelFactory factory) => Factories[factory.Kind] = factory;

    /// <summary>
    /// Says that <paramref name="kind"/> cannot be had in this process and why (e.g. a build that leaves its native
    /// library out): <see cref="Get"/> then fails with <paramref name="reason"/> before any work starts. A kind
    /// registered with a factory stays available.
    /// </summary>
    public static void RegisterUnavailable(string kind, string reason) => Unavailable[kind] = reason;

    /// <summary>The kinds registered so far, sorted.</summary>
    public static IReadOnlyList<string> Registered => Factories.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The factory for <paramref name="kind"/>.</summary>
    /// <exception cref="ModelInputException">No such kind registered (the message lists those that are), or one declared unavailable (the message says why).</exception>
    public static IModelFactory Get(string kind) => Factories.TryGetValue(kind, out var f) ? f
        : Unavailable.TryGetValue(kind, out var reason) ? throw new ModelInputException($"model kind '{kind}' is not available here: {reason}")
        : throw new ModelInputException($"unknown model kind '{kind}' (available: {(Factories.IsEmpty ? "none registered" : string.Join(", ", Registered))})"
            + (OptInPackages.TryGetValue(kind, out var package) ? $"; '{kind}' comes with the opt-in package {package}: reference it and call its Register() once" : ""));

    // Kinds whose package a process may not reference (libtorch alone is 460 MB), so that asking for
    // one says where it lives instead of only that it is unknown.
    private static readonly Dictionary<string, string> OptInPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lightgbm"] = "AlgoTrading.Models.Gbdt (GbdtModels)",
        ["xgboost"] = "AlgoTrading.Models.Gbdt (GbdtModels)",
        ["lstm"] = "AlgoTrading.Models.Torch (TorchModels)",
        ["gru"] = "AlgoTrading.Models.Torch (TorchModels)",
    };
}
