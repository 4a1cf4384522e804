namespace AlgoTrading.Runner.Commands;

/// <summary>
/// The one place the command line makes opt-in model packages available: each referenced package's
/// <c>Register()</c> adds its kinds to <see cref="AlgoTrading.Models.ModelKinds"/>. Add a line here
/// (and a project reference) for a new package, e.g. the Torch package's LSTM and GRU.
/// </summary>
internal static class ModelPackages
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        AlgoTrading.Models.Gbdt.GbdtModels.Register();
    }
}
