using System.Globalization;
using AlgoTrading.Strategies.Exits;
using AlgoTrading.Strategies.Signals;
using AlgoTrading.Strategies.Sizing;

namespace AlgoTrading.Strategies;

/// <summary>
/// Builds strategies by name from string parameters (the command line's <c>--param key=value</c>).
/// <c>sma-cross</c>: <c>fast</c>, <c>slow</c>, <c>mode</c> (longonly | longshort); every strategy also
/// takes <c>units</c> (fixed size) or <c>risk</c> (fraction of equity at the stop), and the exits
/// <c>stop</c>, <c>take</c>, <c>trail</c> (in pips, or ATR multiples with <c>exit_unit=atr</c>) and <c>max_bars</c>.
/// Other names: <c>breakout</c> (<c>period</c>), <c>rsi-threshold</c> (<c>period</c>, <c>lower</c>, <c>upper</c>),
/// <c>model</c> (<c>model</c> = a model folder, id or <c>production/&lt;market&gt;/&lt;instrument&gt;/latest</c> in
/// <c>store</c> (default <c>model_storage</c>), <c>long</c> = 0.55, <c>short</c> = 0.45,
/// <c>confidence</c> = true scales the size by <see cref="ModelSignal.Confidence"/>; see <see cref="ModelSignal"/>),
/// <c>model-walk-forward</c> (retrains as it goes: <c>kind</c> = lightgbm, <c>features</c> = classic, <c>label</c> =
/// direction:horizon=12, <c>train</c> = 500 and <c>step</c> = 100 rows, <c>long</c>, <c>short</c>, and the model's own
/// hyperparameters prefixed <c>p.</c>, e.g. <c>p.trees=50</c>; see <see cref="WalkForwardModelSignal"/>).
/// </summary>
public static class StrategyFactory
{
    /// <summary>Position size, in units, of a strategy given neither <c>units</c> nor <c>risk</c> (and of <c>algotrading backtest</c> without <c>--units</c>).</summary>
    public const double DefaultUnits = 10_000;

    /// <summary>Strategy names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sma-cross", "breakout", "rsi-threshold", "model", "model-walk-forward"];

    /// <summary>
    /// Creates <paramref name="name"/> with <paramref name="parameters"/>. <paramref name="featureSets"/> finds the feature
    /// sets the model strategies name; without it only the built-in sets are known (files and model_config sets are
    /// read by the configuration edge, which the workflows pass in as <c>FeatureSetResolver.Resolve</c>).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name, unknown or malformed parameter.</exception>
    public static Strategy Create(string name, IReadOnlyDictionary<string, string> parameters, double defaultUnits = DefaultUnits, FeatureSetLookup? featureSets = null)
    {
        featureSets ??= BuiltInOnly;
        var p = new Parameters(name, parameters);
        ISignal signal = name switch
        {
            "sma-cross" => new CrossoverSignal(p.Int("fast", 10), p.Int("slow", 30)),
            "breakout" => new BreakoutSignal(p.Int("period", 20)),
            "rsi-threshold" => ThresholdSignal.Rsi(p.Int("period", 14), p.Double("lower", 30), p.Double("upper", 70)),
            "model" => ModelSignal.Load(p.Raw("store", null) ?? "model_storage", p.Raw("model", null) ?? throw new ArgumentException("model: parameter model=<folder, id or production/<market>/<instrument>/latest> is required"),
                p.Double("long", 0.55), p.Double("short", 0.45), featureSets),
            "model-walk-forward" => WalkForward(p, parameters, featureSets),
            _ => throw new ArgumentException($"unknown strategy '{name}'; known: {string.Join(", ", Names)}"),
        };
        var mode = p.Text("mode", "longonly") switch
        {
            "longonly" => TradingMode.LongOnly,
            "longshort" => TradingMode.LongShort,
            var m => throw new ArgumentException($"{name}: mode '{m}' is not longonly or longshort"),
        };
        var exits = new ExitRules
        {
            StopLoss = p.OptionalDouble("stop"), TakeProfit = p.OptionalDouble("take"), Trailing = p.OptionalDouble("trail"),
            Unit = p.Text("exit_unit", "pips") == "atr" ? DistanceUnit.Atr : DistanceUnit.Pips,
            MaxBars = p.OptionalDouble("max_bars") is { } b ? (int)b : null,
        };
        IPositionSizer sizer = p.OptionalDouble("risk") is { } risk ? new FixedFractionalRisk(risk) : new FixedUnits(p.Double("units", defaultUnits));
        if (signal is ModelSignal model && p.Text("confidence", "false") == "true") sizer = new ConfidenceScaledSizer(sizer, () => model.Confidence);
        p.ThrowOnUnused();
        return new Strategy(name, signal, sizer, exits, mode);
    }

    private static (string Name, Features.Sets.FeatureSetSpec Spec) BuiltInOnly(string name) =>
        Features.Sets.BuiltInFeatureSets.Find(name) is { } spec ? (name, spec)
            : throw new ArgumentException($"unknown feature set '{name}'; known here: {string.Join(", ", Features.Sets.BuiltInFeatureSets.Names)} (files and model_config sets need the workflow's resolver)");

    private static WalkForwardModelSignal WalkForward(Parameters p, IReadOnlyDictionary<string, string> all, FeatureSetLookup featureSets)
    {
        var kind = p.Raw("kind", null) ?? "lightgbm";
        var label = Features.Labels.LabelSpec.Parse(p.Raw("label", null) ?? "direction:horizon=12");
        var (name, spec) = featureSets(p.Raw("features", null) ?? "classic");
        var hyperparameters = new Dictionary<string, string>();
        foreach (var (key, value) in all.Where(x => x.Key.StartsWith("p.", StringComparison.Ordinal)))
        {
            p.Raw(key, null);
            hyperparameters[key[2..]] = value;
        }
        var task = label.IsClassification ? Models.ModelTask.BinaryClassification : Models.ModelTask.Regression;
        var factory = Models.ModelKinds.Get(kind);
        return new WalkForwardModelSignal(Features.Sets.FeatureSetCompiler.Compile(name, spec), label, () => factory.Create(task, hyperparameters, label.Definition),
            p.Int("train", 500), p.Int("step", 100), p.Double("long", label.IsClassification ? 0.55 : 0), p.Double("short", label.IsClassification ? 0.45 : 0));
    }

    private sealed class Parameters(string strategy, IReadOnlyDictionary<string, string> values)
    {
        private readonly HashSet<string> _used = [];

        public string Text(string key, string fallback) { _used.Add(key); return values.TryGetValue(key, out var v) ? v.ToLowerInvariant() : fallback; }
        public string? Raw(string key, string? fallback) { _used.Add(key); return values.TryGetValue(key, out var v) ? v : fallback; }
        public int Int(string key, int fallback) => (int)Double(key, fallback);
        public double Double(string key, double fallback) => OptionalDouble(key) ?? fallback;

        public double? OptionalDouble(string key)
        {
            _used.Add(key);
            if (!values.TryGetValue(key, out var text)) return null;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new ArgumentException($"{strategy}: parameter {key}={text} is not a number");
        }

        public void ThrowOnUnused()
        {
            var unknown = values.Keys.Where(k => !_used.Contains(k)).ToList();
            if (unknown.Count > 0) throw new ArgumentException($"{strategy}: unknown parameter(s) {string.Join(", ", unknown)}; known: {string.Join(", ", _used.Order())}");
        }
    }
}
