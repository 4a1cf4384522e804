using System.Runtime.InteropServices;

namespace AlgoTrading.Models.Gbdt;

/// <summary>
/// The part of LightGBM's C API this package uses (lib_lightgbm from the LightGBM 4.7.0 NuGet
/// package). Every call returns 0 on success; <see cref="Check"/> turns anything else into an
/// exception carrying <c>LGBM_GetLastError</c>.
/// </summary>
internal static unsafe partial class LightGbmNative
{
    private const string Library = "lib_lightgbm";
    public const int Float32 = 0, Float64 = 1;
    public const int PredictNormal = 0, PredictRaw = 1, PredictContrib = 3;
    public const int ImportanceGain = 1;

    static LightGbmNative() => NativeEnvironment.Prepare();

    public static void Check(int code, string call)
    {
        if (code != 0) throw new InvalidOperationException($"LightGBM {call} failed: {Marshal.PtrToStringUTF8(LGBM_GetLastError())}");
    }

    [LibraryImport(Library)] public static partial nint LGBM_GetLastError();
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetCreateFromMat(void* data, int dataType, int rows, int columns, int rowMajor, string parameters, nint reference, out nint dataset);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetSetField(nint dataset, string field, void* data, int count, int type);
    [LibraryImport(Library)] public static partial int LGBM_DatasetFree(nint dataset);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreate(nint train, string parameters, out nint booster);
    [LibraryImport(Library)] public static partial int LGBM_BoosterAddValidData(nint booster, nint valid);
    [LibraryImport(Library)] public static partial int LGBM_BoosterUpdateOneIter(nint booster, out int finished);
    [LibraryImport(Library)] public static partial int LGBM_BoosterGetEval(nint booster, int dataIndex, out int count, double* results);
    [LibraryImport(Library)] public static partial int LGBM_BoosterGetCurrentIteration(nint booster, out int iteration);
    [LibraryImport(Library)] public static partial int LGBM_BoosterRollbackOneIter(nint booster);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterPredictForMat(nint booster, void* data, int dataType, int rows, int columns, int rowMajor, int predictType,
        int startIteration, int numIteration, string parameters, out long length, double* result);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterPredictForMatSingleRowFastInit(nint booster, int predictType, int startIteration, int numIteration,
        int dataType, int columns, string parameters, out nint fastConfig);
    [LibraryImport(Library)] public static partial int LGBM_BoosterPredictForMatSingleRowFast(nint fastConfig, void* data, long* length, double* result);
    [LibraryImport(Library)] public static partial int LGBM_FastConfigFree(nint fastConfig);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterSaveModel(nint booster, int startIteration, int numIteration, int importanceType, string file);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreateFromModelfile(string file, out int iterations, out nint booster);
    [LibraryImport(Library)] public static partial int LGBM_BoosterFeatureImportance(nint booster, int numIteration, int importanceType, double* result);
    [LibraryImport(Library)] public static partial int LGBM_BoosterGetNumFeature(nint booster, out int count);
    [LibraryImport(Library)] public static partial int LGBM_BoosterFree(nint booster);
}
