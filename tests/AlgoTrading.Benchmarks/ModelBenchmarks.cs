using System.Diagnostics;
using AlgoTrading.Models;
using AlgoTrading.Models.Gbdt;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// Tree-model training through IModel against the same native library driven directly with the same
/// parameter strings (the binding's overhead), and single-row inference latency as a live runner
/// sees it. Run explicitly: <c>-- models [--rows N] [--trees N] [--threads N]</c> (default 1M rows ×
/// 30 features, 50 trees). Each figure is the median of 3 runs (the two ways alternating) after one warm-up on small data,
/// as wall time and as the process's CPU time (user + system, all threads): on a loaded, shared machine the CPU time
/// says what the work cost when wall time says mostly how long it waited for a core.
/// </summary>
internal static unsafe class ModelBenchmarks
{
    public static void Run(string[] args)
    {
        int rows = Option(args, "--rows", 1_000_000), trees = Option(args, "--trees", 50), threads = Option(args, "--threads", Environment.ProcessorCount);
        const int columns = 30;
        var random = new Random(1);
        var values = new float[(long)rows * columns];
        for (long i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        var labels = new float[rows];
        for (int r = 0; r < rows; r++) labels[r] = values[(long)r * columns] + 0.5f * values[(long)r * columns + 1] + 0.2f * (float)random.NextDouble() > 0.85f ? 1 : 0;
        var matrix = new ModelMatrix(values, Enumerable.Range(0, rows).Select(i => (long)i).ToArray(), Enumerable.Range(0, columns).Select(c => $"f{c}").ToArray());
        var set = new TrainingSet(matrix, labels);
        var parameters = new Dictionary<string, string> { ["trees"] = trees.ToString(), ["threads"] = threads.ToString(), ["early_stopping"] = "0" };
        Console.WriteLine($"models: {rows:N0} rows × {columns} features, {trees} trees, {threads} threads, OMP_WAIT_POLICY passive");
        GbdtModels.Register();

        foreach (var kind in new[] { "lightgbm", "xgboost" })
        {
            // Warm-up on a small slice: loads the native library and JITs the binding.
            using (var warm = Create(kind, parameters)) warm.Fit(new TrainingSet(matrix.Slice(0, 2000), labels[..2000]));
            var (viaModel, direct) = Interleaved(() => { using var m = Create(kind, parameters); m.Fit(set); },
                () => { if (kind == "lightgbm") DirectLightGbm(set, parameters); else DirectXGBoost(set, parameters); });
            Console.WriteLine($"{kind,-9} train via IModel {viaModel.Wall,8:F2} s (cpu {viaModel.Cpu,7:F2} s)   native directly {direct.Wall,8:F2} s (cpu {direct.Cpu,7:F2} s)   " +
                $"overhead wall {(viaModel.Wall / direct.Wall - 1) * 100,6:F1} %, cpu {(viaModel.Cpu / direct.Cpu - 1) * 100,6:F1} %");

            using var model = Create(kind, parameters);
            model.Fit(new TrainingSet(matrix.Slice(0, Math.Min(rows, 100_000)), labels[..Math.Min(rows, 100_000)]));
            for (int i = 0; i < 1000; i++) model.PredictLatest(matrix.Row(i));
            const int calls = 20_000;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            float sink = 0;
            for (int i = 0; i < calls; i++) sink += model.PredictLatest(matrix.Row(i % rows));
            sw.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"{kind,-9} single-row predict {sw.Elapsed.TotalMicroseconds / calls,8:F1} µs/call  ({allocated / calls} B allocated per call, checksum {sink:F1})");
        }
    }

    private static IModel Create(string kind, Dictionary<string, string> p) => ModelKinds.Get(kind).Create(ModelTask.BinaryClassification, p, "bench");

    /// <summary>Medians (wall and CPU seconds, each its own median) of 3 runs each, alternating the two so that drifting load on a shared machine hits both alike.</summary>
    private static ((double Wall, double Cpu) A, (double Wall, double Cpu) B) Interleaved(Action a, Action b)
    {
        var (ta, tb) = (new List<(double, double)>(), new List<(double, double)>());
        for (int i = 0; i < 3; i++)
        {
            ta.Add(Time(a));
            tb.Add(Time(b));
        }
        return (Median(ta), Median(tb));

        static (double Wall, double Cpu) Time(Action run)
        {
            GC.Collect();
            var cpu = Environment.CpuUsage.TotalTime;
            var sw = Stopwatch.StartNew();
            run();
            return (sw.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
        }

        static (double Wall, double Cpu) Median(List<(double Wall, double Cpu)> runs) =>
            (runs.Select(r => r.Wall).Order().ElementAt(1), runs.Select(r => r.Cpu).Order().ElementAt(1));
    }

    private static void DirectLightGbm(TrainingSet set, Dictionary<string, string> p)
    {
        using var template = (LightGbmModel)Create("lightgbm", p);
        string parameters = template.NativeParameters(int.Parse(p["threads"]));
        int trees = int.Parse(p["trees"]);
        nint data, booster;
        fixed (float* x = set.Features.Values) LightGbmNative.Check(LightGbmNative.LGBM_DatasetCreateFromMat(x, LightGbmNative.Float32, set.Rows, set.Features.ColumnCount, 1, parameters, 0, out data), "create");
        fixed (float* y = set.Labels) LightGbmNative.Check(LightGbmNative.LGBM_DatasetSetField(data, "label", y, set.Rows, LightGbmNative.Float32), "label");
        LightGbmNative.Check(LightGbmNative.LGBM_BoosterCreate(data, parameters, out booster), "booster");
        for (int i = 0; i < trees; i++) LightGbmNative.Check(LightGbmNative.LGBM_BoosterUpdateOneIter(booster, out _), "update");
        LightGbmNative.LGBM_BoosterFree(booster);
        LightGbmNative.LGBM_DatasetFree(data);
    }

    private static void DirectXGBoost(TrainingSet set, Dictionary<string, string> p)
    {
        using var template = (XGBoostModel)Create("xgboost", p);
        int trees = int.Parse(p["trees"]);
        nint matrix, booster;
        fixed (float* x = set.Features.Values) XGBoostNative.Check(XGBoostNative.XGDMatrixCreateFromMat(x, (ulong)set.Rows, (ulong)set.Features.ColumnCount, float.NaN, out matrix), "matrix");
        fixed (float* y = set.Labels) XGBoostNative.Check(XGBoostNative.XGDMatrixSetFloatInfo(matrix, "label", y, (ulong)set.Rows), "label");
        XGBoostNative.Check(XGBoostNative.XGBoosterCreate(&matrix, 1, out booster), "booster");
        foreach (var (name, value) in template.NativeParameters()) XGBoostNative.Check(XGBoostNative.XGBoosterSetParam(booster, name, value), name);
        for (int i = 0; i < trees; i++) XGBoostNative.Check(XGBoostNative.XGBoosterUpdateOneIter(booster, i, matrix), "update");
        XGBoostNative.XGBoosterFree(booster);
        XGBoostNative.XGDMatrixFree(matrix);
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v) : fallback;
}
