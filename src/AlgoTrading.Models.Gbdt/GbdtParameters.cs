using System.Globalization;

namespace AlgoTrading.Models.Gbdt;

/// <summary>
/// Hyperparameters both tree libraries share, under one set of names so that configuration,
/// search ranges and the command line do not depend on the library: <c>trees</c> (boosting rounds,
/// default 200), <c>learning_rate</c> (0.05), <c>max_depth</c> (6; −1 = unlimited, LightGBM only),
/// <c>num_leaves</c> (31, LightGBM), <c>min_child</c> (minimum rows per leaf in LightGBM, minimum
/// hessian weight in XGBoost; 20 / 1), <c>subsample</c> (row fraction per tree, 1), <c>colsample</c>
/// (column fraction per tree, 1), <c>l2</c> (L2 regularisation, 1), <c>seed</c> (42), <c>threads</c>
/// (<see cref="NativeEnvironment.DefaultThreads"/>), <c>early_stopping</c> (rounds without
/// improvement on the validation set before stopping, 20; 0 = off).
/// </summary>
internal sealed class GbdtParameters
{
    private static readonly string[] Keys = ["trees", "learning_rate", "max_depth", "num_leaves", "min_child", "subsample", "colsample", "l2", "seed", "threads", "early_stopping"];

    public int Trees { get; private init; } = 200;
    public double LearningRate { get; private init; } = 0.05;
    public int MaxDepth { get; private init; } = 6;
    public int NumLeaves { get; private init; } = 31;
    public double MinChild { get; private init; } = double.NaN;
    public double Subsample { get; private init; } = 1;
    public double Colsample { get; private init; } = 1;
    public double L2 { get; private init; } = 1;
    public int Seed { get; private init; } = 42;
    public int Threads { get; private init; } = NativeEnvironment.DefaultThreads;
    public int EarlyStopping { get; private init; } = 20;

    /// <summary>Parses <paramref name="values"/>; unknown keys and malformed numbers are refused naming them.</summary>
    public static GbdtParameters Parse(string kind, IReadOnlyDictionary<string, string> values)
    {
        var unknown = values.Keys.Where(k => !Keys.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0) throw new ModelInputException($"{kind}: unknown hyperparameter(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Keys)}");
        var p = new GbdtParameters
        {
            Trees = Int("trees", 200, 1), LearningRate = Number("learning_rate", 0.05, 1e-6, 1), MaxDepth = Int("max_depth", 6, -1),
            NumLeaves = Int("num_leaves", 31, 2), MinChild = Number("min_child", kind == "xgboost" ? 1 : 20, 0, double.MaxValue),
            Subsample = Number("subsample", 1, 1e-3, 1), Colsample = Number("colsample", 1, 1e-3, 1), L2 = Number("l2", 1, 0, double.MaxValue),
            Seed = Int("seed", 42, int.MinValue), Threads = Int("threads", NativeEnvironment.DefaultThreads, 1), EarlyStopping = Int("early_stopping", 20, 0),
        };
        return p;

        double Number(string key, double fallback, double min, double max)
        {
            if (!values.TryGetValue(key, out var text)) return fallback;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw new ModelInputException($"{kind}: hyperparameter {key}={text} is not a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
            return v;
        }
        int Int(string key, int fallback, int min)
        {
            double v = Number(key, fallback, min, int.MaxValue);
            if (v != Math.Floor(v)) throw new ModelInputException($"{kind}: hyperparameter {key}={values[key]} is not a whole number");
            return (int)v;
        }
    }

    /// <summary>Every value as the invariant string the metadata keeps, defaults included, so the model can be rebuilt exactly.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["trees"] = S(Trees), ["learning_rate"] = S(LearningRate), ["max_depth"] = S(MaxDepth), ["num_leaves"] = S(NumLeaves),
        ["min_child"] = S(MinChild), ["subsample"] = S(Subsample), ["colsample"] = S(Colsample), ["l2"] = S(L2),
        ["seed"] = S(Seed), ["threads"] = S(Threads), ["early_stopping"] = S(EarlyStopping),
    };

    private static string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
