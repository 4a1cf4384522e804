using System.Runtime.InteropServices;

namespace AlgoTrading.Models.Gbdt;

/// <summary>
/// Process settings the native libraries read once, when they load. OpenMP busy-waits between
/// parallel regions by default; on a small shared machine that turned 2-second trainings into
/// 20-90-second ones, so <c>OMP_WAIT_POLICY=PASSIVE</c> is set through the C library's
/// <c>setenv</c> (<see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only
/// .NET's copy, which native code never sees) before LightGBM or XGBoost is first called.
/// </summary>
public static partial class NativeEnvironment
{
    private static int _prepared;

    /// <summary>
    /// Threads each training or batch prediction uses unless a model's <c>threads</c> parameter says
    /// otherwise. Default: the processor count. Set it before training; 1 makes runs on a shared machine predictable.
    /// </summary>
    public static int DefaultThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the native environment unless the user set a policy; safe to call repeatedly.</summary>
    public static void Prepare()
    {
        if (Interlocked.Exchange(ref _prepared, 1) == 1) return;
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null) SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
