using AlgoTrading.Domain;
using AlgoTrading.Features;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Features.Sets;
using AlgoTrading.Models;
using AlgoTrading.Models.Store;

namespace AlgoTrading.Strategies.Signals;

/// <summary>
/// An entry rule driven by a trained model. It owns a streaming computation of the model's feature
/// set (the same component code as the batch features it was trained on), asks the model on each
/// closed bar once every feature is defined, and maps the prediction to a direction: long when it is
/// at least <c>long</c>, short when at most <c>short</c>, flat in between (for classification the
/// prediction is the probability of "up"; for regression a value in the label's units).
/// </summary>
/// <remarks>
/// Bars reach a signal as <see cref="BarInput"/> (one price series, no bid/ask closes, no other
/// instruments), so feature sets with spread or cross-instrument features are refused here.
/// Nothing is allocated per bar for tree models.
/// </remarks>
public sealed class ModelSignal : ISignal, IDisposable
{
    private readonly IModel _model;
    private readonly FeatureStream _stream;
    private readonly float[] _window;
    private readonly double _long, _short;
    private readonly int _width, _lookback;
    private int _filled;
    private int _state;

    /// <summary>Wraps <paramref name="model"/> with a fresh stream of <paramref name="features"/> (its columns must be the model's).</summary>
    /// <exception cref="ModelInputException">The set's columns differ from the model's, or it needs bid/ask or other instruments.</exception>
    public ModelSignal(IModel model, FeatureSet features, double longThreshold, double shortThreshold)
    {
        RequireSingleSeries(features);
        TrainingChecks.SameColumns(model.Metadata.FeatureNames, features.Columns, $"the {model.Metadata.Kind} model");
        if (shortThreshold > longThreshold) throw new ArgumentException($"model signal: short threshold {shortThreshold} is above long threshold {longThreshold}");
        _model = model;
        _stream = features.CreateStream();
        _width = features.Columns.Count;
        _lookback = Math.Max(1, model.Metadata.LookbackRows);
        _window = new float[_width * _lookback];
        (_long, _short) = (longThreshold, shortThreshold);
    }

    /// <summary>
    /// Loads model <paramref name="reference"/> (a folder, an id, or <c>production/&lt;market&gt;/&lt;instrument&gt;/latest</c>)
    /// from the store at <paramref name="storeRoot"/> and compiles its feature set (a built-in or a .yaml file)
    /// on its price source, refusing a set whose columns differ from the model's. <paramref name="featureSets"/> finds
    /// the set by the name the model recorded (see <see cref="StrategyFactory.Create"/>).
    /// </summary>
    public static ModelSignal Load(string storeRoot, string reference, double longThreshold, double shortThreshold, FeatureSetLookup featureSets)
    {
        var store = new ModelStore(storeRoot);
        var record = store.Describe(reference);
        var (name, spec) = featureSets(record.FeatureSet);
        var set = FeatureSetCompiler.Compile(name, spec.WithPrice(Enum.Parse<PriceSource>(record.Price, ignoreCase: true)));
        var (model, _) = store.Load(reference, set.Columns);
        return new ModelSignal(model, set, longThreshold, shortThreshold);
    }

    /// <summary>The latest prediction (NaN until every feature is defined).</summary>
    public double LastPrediction { get; private set; } = double.NaN;

    /// <summary>
    /// How far the latest prediction lies past its threshold, as a size scale in [0.5, 1]: 0.5 at the
    /// threshold, 1 at the extreme (probability 1 for a long, 0 for a short; for regression, twice the
    /// threshold's distance from zero, or 1 beyond); 1 when flat. Used by <c>confidence=true</c> sizing.
    /// </summary>
    public double Confidence
    {
        get
        {
            double p = LastPrediction;
            if (double.IsNaN(p)) return 0;
            bool probability = _model.Metadata.Task == ModelTask.BinaryClassification;
            double distance = p >= _long ? (p - _long) / (probability ? 1 - _long : Math.Max(Math.Abs(_long), 1e-12))
                : p <= _short ? (_short - p) / (probability ? _short : Math.Max(Math.Abs(_short), 1e-12)) : 1;
            return 0.5 + 0.5 * Math.Clamp(double.IsFinite(distance) ? distance : 1, 0, 1);
        }
    }

    /// <inheritdoc />
    public IndicatorInputs Inputs => IndicatorInputs.All;

    /// <inheritdoc />
    public int? Update(in BarInput bar)
    {
        var row = _stream.Update(new FeatureBar(bar.Time, bar.Time, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, double.NaN, double.NaN));
        // Slide the window one row (oldest first) and append this bar's features.
        if (_lookback > 1) Array.Copy(_window, _width, _window, 0, _width * (_lookback - 1));
        var newest = _window.AsSpan(_width * (_lookback - 1));
        bool complete = true;
        for (int c = 0; c < _width; c++)
        {
            newest[c] = (float)row[c];
            complete &= double.IsFinite(row[c]);
        }
        _filled = complete ? _filled + 1 : 0;
        if (_filled < _lookback) { LastPrediction = double.NaN; return null; }

        int target = Target(LastPrediction = _model.PredictLatest(_window), _long, _short);
        if (target == _state) return null;
        _state = target;
        return target;
    }

    /// <summary>Long at or above <paramref name="longThreshold"/>, short at or below <paramref name="shortThreshold"/>, else flat.</summary>
    internal static int Target(double prediction, double longThreshold, double shortThreshold) =>
        prediction >= longThreshold ? 1 : prediction <= shortThreshold ? -1 : 0;

    /// <summary>Refuses sets a signal cannot compute: bars reach it as one price series, without bid/ask closes or other instruments.</summary>
    internal static void RequireSingleSeries(FeatureSet features)
    {
        if (features.Spec.Spread.Count > 0 || features.Spec.Cross.Count > 0)
            throw new ModelInputException($"feature set '{features.Name}' has spread or cross-instrument features, which a model signal cannot compute from single-series bars");
    }

    /// <summary>Frees the model.</summary>
    public void Dispose() => _model.Dispose();
}
