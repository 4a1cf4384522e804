using System.Runtime.InteropServices;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// Keeps libtorch's oneDNN kernels at AVX2. On a CPU with AVX-512 (seen on AMD EPYC, December 2026,
/// libtorch-cpu 2.x of TorchSharp 0.107) oneDNN's AVX-512 path trains LSTMs wrongly: on the delayed-sum
/// data of the tests, every seed and learning rate tried stopped early at a held-out AUC of 0.61–0.75,
/// where the same runs capped at AVX2 reach 0.94–0.99 (GRUs reach 0.96–0.998 either way; one forward and
/// backward pass agrees to float rounding, so the fault builds up over training). oneDNN reads its
/// limit from the environment once, when it first runs, so it is set in the process's native
/// environment before anything touches TorchSharp. A limit the user set (<c>ONEDNN_MAX_CPU_ISA</c> or
/// the older <c>DNNL_MAX_CPU_ISA</c>) is kept.
/// </summary>
internal static class OneDnnInstructionSet
{
    internal const string Variable = "ONEDNN_MAX_CPU_ISA", LegacyVariable = "DNNL_MAX_CPU_ISA", Cap = "AVX2";

    /// <summary>Sets <see cref="Variable"/> to <see cref="Cap"/> unless either variable is set already; on Linux only (.NET's own environment does not reach native code there).</summary>
    internal static void CapAtAvx2()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (NativeValue(Variable) is not null || NativeValue(LegacyVariable) is not null) return;
        if (SetEnv(Variable, Cap, overwrite: 0) != 0) throw new InvalidOperationException($"could not set {Variable}={Cap} (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The variable as native code sees it (null when unset).</summary>
    internal static string? NativeValue(string name) => Marshal.PtrToStringUTF8(GetEnv(name));

    // Plain DllImport: strings are marshalled as UTF-8 on Unix, and the project allows no unsafe code.
    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi, SetLastError = true)]
    private static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv", CharSet = CharSet.Ansi)]
    private static extern nint GetEnv(string name);
}
