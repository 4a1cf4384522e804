using System.Globalization;
using static AlgoTrading.Models.Gbdt.LightGbmNative;

namespace AlgoTrading.Models.Gbdt;

/// <summary>
/// LightGBM through its C API on the row-major float matrix (no copy into another layout).
/// Deterministic under a seed (<c>deterministic=true</c>, row-wise histograms); saved as LightGBM's
/// text model (<c>model.txt</c>), which stores every threshold and leaf value exactly.
/// </summary>
internal sealed unsafe class LightGbmModel : GbdtModel
{
    public const string Kind = "lightgbm";
    public const string FileName = "model.txt";

    private nint _booster;
    private nint _fastConfig;
    private readonly double[] _single = new double[1];

    public LightGbmModel(ModelTask task, GbdtParameters parameters, string labelDefinition, IReadOnlyList<string>? featureNames = null)
        : base(Kind, task, parameters, labelDefinition, featureNames ?? []) { }

    /// <summary>Loads <see cref="FileName"/> from <paramref name="directory"/>.</summary>
    public static LightGbmModel Load(string directory, ModelMetadata metadata)
    {
        var file = Path.Combine(directory, FileName);
        ModelFiles.Verify(file);
        var model = new LightGbmModel(metadata.Task, GbdtParameters.Parse(Kind, metadata.Hyperparameters), metadata.LabelDefinition, metadata.FeatureNames);
        if (LGBM_BoosterCreateFromModelfile(file, out int iterations, out model._booster) != 0)
            throw new ModelInputException($"{file}: not a readable LightGBM model (corrupted?): {System.Runtime.InteropServices.Marshal.PtrToStringUTF8(LGBM_GetLastError())}");
        Check(LGBM_BoosterGetNumFeature(model._booster, out int features), "GetNumFeature");
        if (features != metadata.FeatureNames.Count)
        {
            model.Dispose();
            throw new ModelInputException($"{file}: the model reads {features} features but its metadata lists {metadata.FeatureNames.Count}");
        }
        model.Rounds = iterations;
        model.Trained = true;
        return model;
    }

    internal string NativeParameters(int threads)
    {
        var p = Parameters;
        string objective = Metadata.Task == ModelTask.BinaryClassification ? "binary metric=binary_logloss" : "regression metric=l2";
        var s = FormattableString.Invariant(
            $"objective={objective} learning_rate={p.LearningRate:R} num_leaves={p.NumLeaves} max_depth={p.MaxDepth} min_data_in_leaf={(int)p.MinChild} feature_fraction={p.Colsample:R} lambda_l2={p.L2:R} seed={p.Seed} num_threads={threads} deterministic=true force_row_wise=true verbosity=-1 feature_pre_filter=false");
        if (p.Subsample < 1) s += string.Create(CultureInfo.InvariantCulture, $" bagging_fraction={p.Subsample:R} bagging_freq=1");
        return s;
    }

    protected override void FitNative(TrainingSet train, TrainingSet? validation)
    {
        FreeBooster();
        string parameters = NativeParameters(Parameters.Threads);
        nint trainData = CreateDataset(train, parameters, 0), validData = 0;
        try
        {
            Check(LGBM_BoosterCreate(trainData, parameters, out _booster), "BoosterCreate");
            Func<double>? loss = null;
            if (validation is not null)
            {
                validData = CreateDataset(validation, parameters, trainData);
                Check(LGBM_BoosterAddValidData(_booster, validData), "BoosterAddValidData");
                loss = ValidationLoss;
            }
            int keep = Boost(_ => Check(LGBM_BoosterUpdateOneIter(_booster, out _), "BoosterUpdateOneIter"), loss);
            Check(LGBM_BoosterGetCurrentIteration(_booster, out int current), "GetCurrentIteration");
            for (; current > keep; current--) Check(LGBM_BoosterRollbackOneIter(_booster), "BoosterRollbackOneIter");
            Rounds = keep;
        }
        finally
        {
            if (validData != 0) LGBM_DatasetFree(validData);
            LGBM_DatasetFree(trainData);
        }
    }

    private double ValidationLoss()
    {
        double result;
        Check(LGBM_BoosterGetEval(_booster, 1, out _, &result), "BoosterGetEval");
        return result;
    }

    private static nint CreateDataset(TrainingSet set, string parameters, nint reference)
    {
        var m = set.Features;
        nint handle;
        fixed (float* data = m.Values)
            Check(LGBM_DatasetCreateFromMat(data, Float32, m.Rows, m.ColumnCount, 1, parameters, reference, out handle), "DatasetCreateFromMat");
        fixed (float* labels = set.Labels)
            Check(LGBM_DatasetSetField(handle, "label", labels, set.Rows, Float32), "DatasetSetField(label)");
        if (set.Weights is { } w)
            fixed (float* weights = w)
                Check(LGBM_DatasetSetField(handle, "weight", weights, set.Rows, Float32), "DatasetSetField(weight)");
        return handle;
    }

    protected override void PredictNative(ModelMatrix features, Span<float> output)
    {
        var result = Run(features, PredictNormal, features.Rows);
        for (int i = 0; i < output.Length; i++) output[i] = (float)result[i];
    }

    protected override void ContributionsNative(ModelMatrix features, Span<float> output)
    {
        var result = Run(features, PredictContrib, output.Length);
        for (int i = 0; i < output.Length; i++) output[i] = (float)result[i];
    }

    private double[] Run(ModelMatrix features, int type, int expected)
    {
        var result = new double[expected];
        long length;
        fixed (float* data = features.Values)
        fixed (double* r = result)
            Check(LGBM_BoosterPredictForMat(_booster, data, Float32, features.Rows, features.ColumnCount, 1, type, 0, -1,
                string.Create(CultureInfo.InvariantCulture, $"num_threads={Parameters.Threads}"), out length, r), "BoosterPredictForMat");
        if (length != expected) throw new InvalidOperationException($"LightGBM returned {length} values, expected {expected}");
        return result;
    }

    protected override float PredictRow(ReadOnlySpan<float> row)
    {
        if (_fastConfig == 0)
            Check(LGBM_BoosterPredictForMatSingleRowFastInit(_booster, PredictNormal, 0, -1, Float32, FeatureCount, "num_threads=1", out _fastConfig), "SingleRowFastInit");
        long length;
        fixed (float* data = row)
        fixed (double* r = _single)
            Check(LGBM_BoosterPredictForMatSingleRowFast(_fastConfig, data, &length, r), "PredictForMatSingleRowFast");
        return (float)_single[0];
    }

    public override void Save(string directory)
    {
        RequireTrained();
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, FileName);
        Check(LGBM_BoosterSaveModel(_booster, 0, -1, ImportanceGain, file), "BoosterSaveModel");
        ModelFiles.WriteChecksum(file);
    }

    public override IReadOnlyList<double> FeatureImportance()
    {
        RequireTrained();
        var result = new double[FeatureCount];
        fixed (double* r = result) Check(LGBM_BoosterFeatureImportance(_booster, -1, ImportanceGain, r), "BoosterFeatureImportance");
        return result;
    }

    private void FreeBooster()
    {
        if (_fastConfig != 0) { LGBM_FastConfigFree(_fastConfig); _fastConfig = 0; }
        if (_booster != 0) { LGBM_BoosterFree(_booster); _booster = 0; }
    }

    public override void Dispose()
    {
        FreeBooster();
        GC.SuppressFinalize(this);
    }

    ~LightGbmModel() => FreeBooster();
}
