using System.Reflection;
using System.Runtime.InteropServices;

namespace AlgoTrading.Models.Gbdt;

/// <summary>
/// A thin binding to the system XGBoost library, <c>libxgboost.so.0</c> (Debian <c>libxgboost0</c>,
/// 1.7.x; no .NET package bundles XGBoost). Every call's return code is checked and
/// <c>XGBGetLastError</c> surfaced; a missing library fails once with how to install it.
/// <c>bst_ulong</c> is 64-bit.
/// </summary>
internal static unsafe partial class XGBoostNative
{
    public const string Library = "libxgboost.so.0";

    static XGBoostNative()
    {
        NativeEnvironment.Prepare();
        NativeLibrary.SetDllImportResolver(typeof(XGBoostNative).Assembly, Resolve);
    }

    /// <summary>Loads the library now, failing with an install hint when it is absent.</summary>
    /// <exception cref="DllNotFoundException">libxgboost.so.0 is not installed.</exception>
    public static void EnsureLoaded() => Resolve(Library, typeof(XGBoostNative).Assembly, null);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library) return 0;
        if (NativeLibrary.TryLoad(Library, out var handle) || NativeLibrary.TryLoad("/usr/lib/x86_64-linux-gnu/" + Library, out handle)) return handle;
        throw new DllNotFoundException($"XGBoost needs the native library {Library}, which is not installed: on Debian/Ubuntu run 'apt-get install -y libxgboost0' (./test.sh does it when run as root)");
    }

    public static void Check(int code, string call)
    {
        if (code != 0) throw new InvalidOperationException($"XGBoost {call} failed: {Marshal.PtrToStringUTF8(XGBGetLastError())}");
    }

    [LibraryImport(Library)] public static partial nint XGBGetLastError();
    [LibraryImport(Library)] private static partial void XGBoostVersion(out int major, out int minor, out int patch);

    /// <summary>The loaded library's version, e.g. 1.7.4.</summary>
    public static string Version()
    {
        XGBoostVersion(out int major, out int minor, out int patch);
        return $"{major}.{minor}.{patch}";
    }
    [LibraryImport(Library)] public static partial int XGDMatrixCreateFromMat(float* data, ulong rows, ulong columns, float missing, out nint matrix);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGDMatrixSetFloatInfo(nint matrix, string field, float* values, ulong length);
    [LibraryImport(Library)] public static partial int XGDMatrixFree(nint matrix);
    [LibraryImport(Library)] public static partial int XGBoosterCreate(nint* matrices, ulong count, out nint booster);
    [LibraryImport(Library)] public static partial int XGBoosterFree(nint booster);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGBoosterSetParam(nint booster, string name, string value);
    [LibraryImport(Library)] public static partial int XGBoosterUpdateOneIter(nint booster, int iteration, nint train);
    [LibraryImport(Library)] public static partial int XGBoosterEvalOneIter(nint booster, int iteration, nint* matrices, nint* names, ulong count, out nint result);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGBoosterPredictFromDMatrix(nint booster, nint matrix, string config, out ulong* shape, out ulong dimension, out float* result);
    [LibraryImport(Library)]
    public static partial int XGBoosterPredictFromDense(nint booster, byte* arrayInterface, byte* config, nint proxy, out ulong* shape, out ulong dimension, out float* result);
    [LibraryImport(Library)] public static partial int XGBoosterSlice(nint booster, int begin, int end, int step, out nint sliced);
    [LibraryImport(Library)] public static partial int XGBoosterBoostedRounds(nint booster, out int rounds);
    [LibraryImport(Library)] public static partial int XGBoosterGetNumFeature(nint booster, out ulong count);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGBoosterSaveModel(nint booster, string file);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGBoosterLoadModel(nint booster, string file);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int XGBoosterFeatureScore(nint booster, string config, out ulong count, out byte** names, out ulong dimension, out ulong* shape, out float* scores);
}
