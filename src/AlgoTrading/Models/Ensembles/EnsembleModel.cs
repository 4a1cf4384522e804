using System.Globalization;
using System.Text.Json;
using AlgoTrading.Models.Validation;

namespace AlgoTrading.Models.Ensembles;

/// <summary>
/// Combines any registered models. <c>method=average</c>: the weighted mean of the members'
/// predictions (<c>weights</c>, normalised; equal by default). <c>method=stacking</c>: a linear
/// stacker (logistic on the members' log-odds for classification, least squares for regression)
/// trained on out-of-fold member predictions only. The folds are <see cref="PurgedSplits"/>' purged
/// k-fold on the training rows' label end times (<see cref="TrainingSet.LabelEnd"/>): a member that
/// predicts a block never trained on a row whose label window overlaps the block's, nor on the
/// <c>embargo</c> rows after it. Then the members are refitted on all rows.
/// </summary>
/// <remarks>
/// Hyperparameters: <c>members</c> (comma-separated kinds, required), <c>weights</c>, <c>method</c>,
/// <c>folds</c> (5), <c>embargo</c> (0 rows), <c>gap</c> (0: the label horizon in rows assumed only for
/// training rows that carry no label end times, i.e. a label ending <c>gap</c> rows later); a member's own
/// hyperparameters are prefixed by its position and kind, e.g. <c>0.lightgbm.trees=100</c>. Saved as one
/// folder per member plus <c>ensemble.json</c>.
/// </remarks>
public sealed class EnsembleModel : IModel
{
    /// <summary>The kind name.</summary>
    public const string Kind = "ensemble";
    private const string FileName = "ensemble.json";

    private readonly IModel[] _members;
    private readonly double[] _weights;
    private readonly bool _stacking;
    private readonly int _folds, _gap, _embargo;
    private readonly float[] _latest;
    private double[] _stacker = [];

    private EnsembleModel(ModelMetadata metadata, IModel[] members, double[] weights, bool stacking, int folds, int gap, int embargo)
    {
        Metadata = metadata;
        _members = members;
        _weights = weights;
        _stacking = stacking;
        _folds = folds;
        _gap = gap;
        _embargo = embargo;
        _latest = new float[members.Length];
    }

    /// <inheritdoc />
    public ModelMetadata Metadata { get; private set; }

    /// <summary>The stacker's coefficients (intercept first), empty for averaging.</summary>
    public IReadOnlyList<double> StackerCoefficients => _stacker;

    /// <summary>Creates an untrained ensemble from <paramref name="hyperparameters"/>.</summary>
    /// <exception cref="ModelInputException">No members, unknown keys, weights that do not match the members.</exception>
    public static EnsembleModel Create(ModelTask task, IReadOnlyDictionary<string, string> hyperparameters, string labelDefinition)
    {
        string[] own = ["members", "weights", "method", "folds", "gap", "embargo"];
        if (!hyperparameters.TryGetValue("members", out var list) || string.IsNullOrWhiteSpace(list))
            throw new ModelInputException("ensemble: hyperparameter members=<kind,kind,…> is required");
        var kinds = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = hyperparameters.Keys.Where(k => !own.Contains(k) && !Enumerable.Range(0, kinds.Length).Any(i => k.StartsWith($"{i}.{kinds[i]}.", StringComparison.Ordinal))).ToList();
        if (unknown.Count > 0) throw new ModelInputException($"ensemble: unknown hyperparameter(s) {string.Join(", ", unknown)}; known: {string.Join(", ", own)} and <position>.<kind>.<key> for a member");
        var members = new IModel[kinds.Length];
        for (int i = 0; i < kinds.Length; i++)
        {
            string prefix = $"{i}.{kinds[i]}.";
            members[i] = ModelKinds.Get(kinds[i]).Create(task, hyperparameters.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(p => p.Key[prefix.Length..], p => p.Value), labelDefinition);
        }
        var weights = hyperparameters.TryGetValue("weights", out var w)
            ? w.Split(',').Select(x => double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new ModelInputException($"ensemble: weight '{x}' is not a non-negative number")).ToArray()
            : Enumerable.Repeat(1.0, kinds.Length).ToArray();
        if (weights.Length != kinds.Length || weights.Sum() <= 0) throw new ModelInputException($"ensemble: {weights.Length} weights for {kinds.Length} members (they must match and not all be 0)");
        string method = hyperparameters.GetValueOrDefault("method", "average");
        if (method is not ("average" or "stacking")) throw new ModelInputException($"ensemble: method '{method}' is not average or stacking");
        int folds = Count(hyperparameters, "folds", 5), gap = Count(hyperparameters, "gap", 0), embargo = Count(hyperparameters, "embargo", 0);
        var metadata = new ModelMetadata(Kind, task, new SortedDictionary<string, string>(hyperparameters.ToDictionary(), StringComparer.Ordinal), [], labelDefinition,
            members.Max(m => m.Metadata.LookbackRows));
        return new EnsembleModel(metadata, members, weights.Select(x => x / weights.Sum()).ToArray(), method == "stacking", folds, gap, embargo);
    }

    private static int Count(IReadOnlyDictionary<string, string> hyperparameters, string key, int fallback) =>
        !hyperparameters.TryGetValue(key, out var text) ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value
        : throw new ModelInputException($"ensemble: {key} '{text}' is not a whole number, 0 or more");

    /// <inheritdoc />
    public void Fit(TrainingSet train, TrainingSet? validation = null)
    {
        TrainingChecks.Validate(train, Metadata.Task);
        Metadata = Metadata with { FeatureNames = train.Features.Columns.ToArray() };
        if (_stacking) _stacker = FitStacker(OutOfFold(train), train.Labels);
        foreach (var m in _members) m.Fit(train, validation);
    }

    /// <summary>
    /// Each member's out-of-fold prediction for every training row (NaN where a sequence member has too few
    /// rows before it), from members trained on the purged and embargoed rest (<see cref="PurgedSplits"/>).
    /// </summary>
    internal float[][] OutOfFold(TrainingSet train)
    {
        int n = train.Rows;
        if (n < 2 * _folds) throw new ModelInputException($"ensemble stacking: {n} rows are too few for {_folds} folds");
        var time = train.Features.Time;
        var end = train.LabelEnd ?? Enumerable.Range(0, n).Select(i => time[Math.Min(i + _gap, n - 1)]).ToArray();
        var oof = _members.Select(_ => new float[n]).ToArray();
        foreach (var fold in PurgedSplits.Create(SplitKind.PurgedKFold, time, end, _folds, _embargo))
        {
            var trainRows = fold.Train;
            var fitSet = new TrainingSet(train.Features.Select(trainRows), trainRows.Select(i => train.Labels[i]).ToArray(),
                train.Weights is null ? null : trainRows.Select(i => train.Weights[i]).ToArray(), trainRows.Select(i => end[i]).ToArray());
            for (int m = 0; m < _members.Length; m++)
            {
                using var member = ModelKinds.Get(_members[m].Metadata.Kind).Create(Metadata.Task, _members[m].Metadata.Hyperparameters, Metadata.LabelDefinition);
                member.Fit(fitSet);
                CrossValidation.PredictWithContext(member, train.Features, fold.Test, oof[m].AsSpan(fold.Test[0], fold.Test.Length));
            }
        }
        return oof;
    }

    private double[] FitStacker(float[][] oof, float[] labels)
    {
        int k = oof.Length + 1;
        // Rows a sequence member could not predict (too few rows before them) do not train the stacker.
        var scored = Enumerable.Range(0, labels.Length).Where(i => oof.All(o => !float.IsNaN(o[i]))).ToArray();
        int n = scored.Length;
        if (n == 0) throw new ModelInputException("ensemble stacking: no row has an out-of-fold prediction from every member");
        var x = new double[n][];
        for (int i = 0; i < n; i++)
        {
            x[i] = new double[k];
            x[i][0] = 1;
            for (int m = 0; m < oof.Length; m++) x[i][m + 1] = Input(oof[m][scored[i]]);
        }
        labels = scored.Select(i => labels[i]).ToArray();
        var beta = new double[k];
        int iterations = Metadata.Task == ModelTask.BinaryClassification ? 25 : 1;
        for (int it = 0; it < iterations; it++)
        {
            // Newton step (iteratively reweighted least squares); one step is exact for least squares.
            var h = new double[k, k];
            var g = new double[k];
            for (int i = 0; i < n; i++)
            {
                double eta = 0;
                for (int a = 0; a < k; a++) eta += beta[a] * x[i][a];
                double mu = Metadata.Task == ModelTask.BinaryClassification ? 1 / (1 + Math.Exp(-eta)) : eta;
                double weight = Metadata.Task == ModelTask.BinaryClassification ? Math.Max(mu * (1 - mu), 1e-9) : 1;
                for (int a = 0; a < k; a++)
                {
                    g[a] += (labels[i] - mu) * x[i][a];
                    for (int b = 0; b < k; b++) h[a, b] += weight * x[i][a] * x[i][b];
                }
            }
            for (int a = 0; a < k; a++) h[a, a] += 1e-6 * n; // a touch of ridge keeps collinear members solvable
            var step = Solve(h, g);
            for (int a = 0; a < k; a++) beta[a] += step[a];
        }
        return beta;
    }

    private double Input(float p) => Metadata.Task == ModelTask.BinaryClassification ? Math.Log(Math.Clamp(p, 1e-6, 1 - 1e-6) / (1 - Math.Clamp(p, 1e-6, 1 - 1e-6))) : p;

    private static double[] Solve(double[,] a, double[] b)
    {
        int k = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < k; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < k; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
            for (int j = 0; j < k; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            (x[c], x[pivot]) = (x[pivot], x[c]);
            for (int r = c + 1; r < k; r++)
            {
                double f = m[r, c] / m[c, c];
                for (int j = c; j < k; j++) m[r, j] -= f * m[c, j];
                x[r] -= f * x[c];
            }
        }
        for (int c = k - 1; c >= 0; c--)
        {
            for (int j = c + 1; j < k; j++) x[c] -= m[c, j] * x[j];
            x[c] /= m[c, c];
        }
        return x;
    }

    /// <inheritdoc />
    public void Predict(ModelMatrix features, Span<float> output)
    {
        TrainingChecks.SameColumns(Metadata.FeatureNames, features.Columns, "the ensemble");
        var each = _members.Select(_ => new float[features.Rows]).ToArray();
        for (int m = 0; m < _members.Length; m++) _members[m].Predict(features, each[m]);
        for (int r = 0; r < features.Rows; r++)
        {
            for (int m = 0; m < _members.Length; m++) _latest[m] = each[m][r];
            output[r] = Combine(_latest);
        }
    }

    /// <inheritdoc />
    public float PredictLatest(ReadOnlySpan<float> rows)
    {
        int width = Metadata.FeatureNames.Count;
        for (int m = 0; m < _members.Length; m++)
            _latest[m] = _members[m].PredictLatest(rows[^(Math.Max(1, _members[m].Metadata.LookbackRows) * width)..]);
        return Combine(_latest);
    }

    private float Combine(ReadOnlySpan<float> p)
    {
        if (!_stacking)
        {
            double sum = 0;
            for (int m = 0; m < p.Length; m++) sum += _weights[m] * p[m];
            return (float)sum;
        }
        double eta = _stacker[0];
        for (int m = 0; m < p.Length; m++) eta += _stacker[m + 1] * Input(p[m]);
        return (float)(Metadata.Task == ModelTask.BinaryClassification ? 1 / (1 + Math.Exp(-eta)) : eta);
    }

    /// <inheritdoc />
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        for (int m = 0; m < _members.Length; m++) _members[m].Save(Path.Combine(directory, $"member_{m}"));
        var state = new State(_members.Select(x => new MemberState(x.Metadata.Kind, x.Metadata.Hyperparameters.ToDictionary(), x.Metadata.LookbackRows)).ToList(), _stacker);
        var file = Path.Combine(directory, FileName);
        File.WriteAllText(file, JsonSerializer.Serialize(state));
        ModelFiles.WriteChecksum(file);
    }

    /// <summary>Loads an ensemble saved by <see cref="Save"/>.</summary>
    public static EnsembleModel Load(string directory, ModelMetadata metadata)
    {
        var file = Path.Combine(directory, FileName);
        ModelFiles.Verify(file);
        var state = JsonSerializer.Deserialize<State>(File.ReadAllText(file)) ?? throw new ModelInputException($"{file}: empty");
        var model = Create(metadata.Task, metadata.Hyperparameters, metadata.LabelDefinition);
        for (int m = 0; m < model._members.Length; m++)
        {
            model._members[m].Dispose();
            var s = state.Members[m];
            model._members[m] = ModelKinds.Get(s.Kind).Load(Path.Combine(directory, $"member_{m}"),
                new ModelMetadata(s.Kind, metadata.Task, s.Hyperparameters, metadata.FeatureNames, metadata.LabelDefinition, s.LookbackRows));
        }
        model._stacker = state.Stacker;
        model.Metadata = metadata;
        return model;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var m in _members) m.Dispose();
    }

    private sealed record MemberState(string Kind, Dictionary<string, string> Hyperparameters, int LookbackRows);
    private sealed record State(List<MemberState> Members, double[] Stacker);

    /// <summary>The factory <see cref="ModelKinds"/> knows as <c>ensemble</c>.</summary>
    public sealed class Factory : IModelFactory
    {
        /// <inheritdoc />
        public string Kind => EnsembleModel.Kind;
        /// <inheritdoc />
        public IModel Create(ModelTask task, IReadOnlyDictionary<string, string> hyperparameters, string labelDefinition) => EnsembleModel.Create(task, hyperparameters, labelDefinition);
        /// <inheritdoc />
        public IModel Load(string directory, ModelMetadata metadata) => EnsembleModel.Load(directory, metadata);
        /// <inheritdoc />
        public string LibraryVersion => "AlgoTrading ensemble (members' libraries as listed)";
    }
}
