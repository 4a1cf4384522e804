using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static AlgoTrading.Models.Gbdt.XGBoostNative;

namespace AlgoTrading.Models.Gbdt;

/// <summary>
/// XGBoost (histogram trees) through the system library. Saved as Universal Binary JSON
/// (<c>model.ubj</c>), which keeps every float bit for bit. Early stopping slices the booster to its
/// best round, so the saved model is the one that was validated.
/// </summary>
internal sealed unsafe class XGBoostModel : GbdtModel
{
    public const string Kind = "xgboost";
    public const string FileName = "model.ubj";
    private const string BatchConfig = "{\"type\": 0, \"training\": false, \"iteration_begin\": 0, \"iteration_end\": 0, \"strict_shape\": false}";
    private const string ContribConfig = "{\"type\": 2, \"training\": false, \"iteration_begin\": 0, \"iteration_end\": 0, \"strict_shape\": false}";

    private nint _booster;
    // Single-row prediction reads a native row buffer through a pre-encoded array interface: nothing is allocated per call.
    private float* _row;
    private byte* _rowInterface;
    private byte* _rowConfig;

    public XGBoostModel(ModelTask task, GbdtParameters parameters, string labelDefinition, IReadOnlyList<string>? featureNames = null)
        : base(Kind, task, parameters, labelDefinition, featureNames ?? []) => EnsureLoaded();

    /// <summary>Loads <see cref="FileName"/> from <paramref name="directory"/>.</summary>
    public static XGBoostModel Load(string directory, ModelMetadata metadata)
    {
        var file = Path.Combine(directory, FileName);
        ModelFiles.Verify(file);
        var model = new XGBoostModel(metadata.Task, GbdtParameters.Parse(Kind, metadata.Hyperparameters), metadata.LabelDefinition, metadata.FeatureNames);
        Check(XGBoosterCreate(null, 0, out model._booster), "XGBoosterCreate");
        if (XGBoosterLoadModel(model._booster, file) != 0)
        {
            string error = Marshal.PtrToStringUTF8(XGBGetLastError()) ?? "";
            model.Dispose();
            throw new ModelInputException($"{file}: not a readable XGBoost model (corrupted?): {error.Split('\n')[0]}");
        }
        Check(XGBoosterGetNumFeature(model._booster, out ulong features), "XGBoosterGetNumFeature");
        if ((int)features != metadata.FeatureNames.Count)
        {
            model.Dispose();
            throw new ModelInputException($"{file}: the model reads {features} features but its metadata lists {metadata.FeatureNames.Count}");
        }
        Check(XGBoosterBoostedRounds(model._booster, out int rounds), "XGBoosterBoostedRounds");
        model.Rounds = rounds;
        model.SetThreads();
        model.Trained = true;
        return model;
    }

    internal IEnumerable<(string Name, string Value)> NativeParameters()
    {
        var p = Parameters;
        string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        yield return ("objective", Metadata.Task == ModelTask.BinaryClassification ? "binary:logistic" : "reg:squarederror");
        yield return ("eval_metric", Metadata.Task == ModelTask.BinaryClassification ? "logloss" : "rmse");
        yield return ("tree_method", "hist");
        yield return ("eta", S(p.LearningRate));
        if (p.MaxDepth > 0) yield return ("max_depth", S(p.MaxDepth));
        else { yield return ("max_depth", "0"); yield return ("grow_policy", "lossguide"); yield return ("max_leaves", S(p.NumLeaves)); }
        yield return ("min_child_weight", S(p.MinChild));
        yield return ("subsample", S(p.Subsample));
        yield return ("colsample_bytree", S(p.Colsample));
        yield return ("lambda", S(p.L2));
        yield return ("seed", S(p.Seed));
        yield return ("nthread", S(p.Threads));
        yield return ("verbosity", "0");
    }

    private void SetThreads() => Check(XGBoosterSetParam(_booster, "nthread", Parameters.Threads.ToString(CultureInfo.InvariantCulture)), "XGBoosterSetParam(nthread)");

    protected override void FitNative(TrainingSet train, TrainingSet? validation)
    {
        FreeBooster();
        nint trainMatrix = CreateMatrix(train.Features), validMatrix = 0;
        var validName = Marshal.StringToCoTaskMemUTF8("valid");
        try
        {
            SetInfo(trainMatrix, "label", train.Labels);
            if (train.Weights is { } w) SetInfo(trainMatrix, "weight", w);
            nint* matrices = stackalloc nint[2];
            matrices[0] = trainMatrix;
            ulong count = 1;
            if (validation is not null)
            {
                validMatrix = CreateMatrix(validation.Features);
                SetInfo(validMatrix, "label", validation.Labels);
                if (validation.Weights is { } vw) SetInfo(validMatrix, "weight", vw);
                matrices[1] = validMatrix;
                count = 2;
            }
            Check(XGBoosterCreate(matrices, count, out _booster), "XGBoosterCreate");
            foreach (var (name, value) in NativeParameters()) Check(XGBoosterSetParam(_booster, name, value), $"XGBoosterSetParam({name})");
            int currentRound = 0;
            Func<double>? loss = validation is null ? null : () =>
            {
                nint m = validMatrix, n = validName;
                Check(XGBoosterEvalOneIter(_booster, currentRound, &m, &n, 1, out nint text), "XGBoosterEvalOneIter");
                var s = Marshal.PtrToStringUTF8(text)!;
                return double.Parse(s[(s.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
            };
            int keep = Boost(round => { currentRound = round; Check(XGBoosterUpdateOneIter(_booster, round, trainMatrix), "XGBoosterUpdateOneIter"); }, loss);
            Check(XGBoosterBoostedRounds(_booster, out int boosted), "XGBoosterBoostedRounds");
            if (keep < boosted)
            {
                Check(XGBoosterSlice(_booster, 0, keep, 1, out nint sliced), "XGBoosterSlice");
                XGBoosterFree(_booster);
                _booster = sliced;
                SetThreads();
            }
            Rounds = keep;
        }
        finally
        {
            Marshal.FreeCoTaskMem(validName);
            if (validMatrix != 0) XGDMatrixFree(validMatrix);
            XGDMatrixFree(trainMatrix);
        }
    }

    private static nint CreateMatrix(ModelMatrix m)
    {
        nint handle;
        fixed (float* data = m.Values) Check(XGDMatrixCreateFromMat(data, (ulong)m.Rows, (ulong)m.ColumnCount, float.NaN, out handle), "XGDMatrixCreateFromMat");
        return handle;
    }

    private static void SetInfo(nint matrix, string field, float[] values)
    {
        fixed (float* v = values) Check(XGDMatrixSetFloatInfo(matrix, field, v, (ulong)values.Length), $"XGDMatrixSetFloatInfo({field})");
    }

    protected override void PredictNative(ModelMatrix features, Span<float> output) => Run(features, BatchConfig, output);

    protected override void ContributionsNative(ModelMatrix features, Span<float> output) => Run(features, ContribConfig, output);

    private void Run(ModelMatrix features, string config, Span<float> output)
    {
        nint matrix = CreateMatrix(features);
        try
        {
            Check(XGBoosterPredictFromDMatrix(_booster, matrix, config, out ulong* shape, out ulong dimension, out float* result), "XGBoosterPredictFromDMatrix");
            ulong length = 1;
            for (ulong d = 0; d < dimension; d++) length *= shape[d];
            if (length != (ulong)output.Length) throw new InvalidOperationException($"XGBoost returned {length} values, expected {output.Length}");
            new ReadOnlySpan<float>(result, output.Length).CopyTo(output);
        }
        finally { XGDMatrixFree(matrix); }
    }

    protected override float PredictRow(ReadOnlySpan<float> row)
    {
        if (_row == null) PrepareSingleRow();
        row.CopyTo(new Span<float>(_row, FeatureCount));
        Check(XGBoosterPredictFromDense(_booster, _rowInterface, _rowConfig, 0, out _, out _, out float* result), "XGBoosterPredictFromDense");
        return *result;
    }

    private void PrepareSingleRow()
    {
        _row = (float*)NativeMemory.AllocZeroed((nuint)FeatureCount, sizeof(float));
        _rowInterface = Utf8(string.Create(CultureInfo.InvariantCulture,
            $"{{\"data\": [{(ulong)_row}, true], \"shape\": [1, {FeatureCount}], \"strides\": null, \"typestr\": \"<f4\", \"version\": 3}}"));
        _rowConfig = Utf8("{\"type\": 0, \"training\": false, \"iteration_begin\": 0, \"iteration_end\": 0, \"strict_shape\": false, \"missing\": NaN, \"cache_id\": 0}");
    }

    private static byte* Utf8(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var p = (byte*)NativeMemory.AllocZeroed((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }

    public override void Save(string directory)
    {
        RequireTrained();
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, FileName);
        Check(XGBoosterSaveModel(_booster, file), "XGBoosterSaveModel");
        ModelFiles.WriteChecksum(file);
    }

    public override IReadOnlyList<double> FeatureImportance()
    {
        RequireTrained();
        Check(XGBoosterFeatureScore(_booster, "{\"importance_type\": \"total_gain\"}", out ulong count, out byte** names, out _, out _, out float* scores), "XGBoosterFeatureScore");
        var result = new double[FeatureCount];
        for (ulong i = 0; i < count; i++)
        {
            // Features without names are called f0, f1, …; unused features are left out.
            var name = Marshal.PtrToStringUTF8((nint)names[i])!;
            if (name.StartsWith('f') && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < FeatureCount)
                result[index] = scores[i];
        }
        return result;
    }

    private void FreeBooster()
    {
        if (_booster != 0) { XGBoosterFree(_booster); _booster = 0; }
        if (_row != null) { NativeMemory.Free(_row); NativeMemory.Free(_rowInterface); NativeMemory.Free(_rowConfig); _row = null; }
    }

    public override void Dispose()
    {
        FreeBooster();
        GC.SuppressFinalize(this);
    }

    ~XGBoostModel() => FreeBooster();
}
