namespace AlgoTrading.Models.Torch.Tests.Unit;

/// <summary>
/// Register() caps oneDNN at AVX2 in the native environment, where libtorch reads it, and keeps a limit
/// the user set. What the cap fixes is shown by the LSTM tests of RecurrentModelTests and
/// RecurrentTrainingTests: on an AVX-512 machine they fail without it (held-out AUC 0.696, R² −0.009).
/// </summary>
public sealed class OneDnnInstructionSetTests
{
    [Fact]
    public void Register_sets_the_cap_where_native_code_reads_it_unless_the_user_set_a_limit()
    {
        string? own = Environment.GetEnvironmentVariable(OneDnnInstructionSet.Variable);
        string? legacy = Environment.GetEnvironmentVariable(OneDnnInstructionSet.LegacyVariable);

        TorchModels.Register();

        if (!OperatingSystem.IsLinux()) return;
        string? seen = OneDnnInstructionSet.NativeValue(OneDnnInstructionSet.Variable);
        if (own is not null) Assert.Equal(own, seen);
        else if (legacy is not null) Assert.Null(seen);
        else Assert.Equal("AVX2", seen);
    }
}
