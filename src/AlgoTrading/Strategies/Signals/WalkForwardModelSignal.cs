using AlgoTrading.Domain;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Features.Labels;
using AlgoTrading.Features.Sets;
using AlgoTrading.Models;

namespace AlgoTrading.Strategies.Signals;

/// <summary>
/// A model that retrains as the backtest walks forward: it streams the feature set bar by bar and,
/// once <c>train</c> complete feature rows exist and then every <c>step</c> rows, trains a fresh model
/// on every earlier row whose label was already known at that bar's close (labels computed from the
/// bars seen so far only), then trades on its predictions with the same thresholds as
/// <see cref="ModelSignal"/>. The backtest over it is the stitched out-of-sample equity of
/// "train on the past, trade the next window, roll", and it equals
/// <see cref="Models.Validation.WalkForwardPredictions"/> computed in batch on the same bars.
/// </summary>
public sealed class WalkForwardModelSignal : ISignal
{
    private readonly FeatureStream _stream;
    private readonly LabelSpec _label;
    private readonly Func<IModel> _createModel;
    private readonly int _train, _step, _width;
    private readonly double _long, _short;
    private readonly List<(long Time, double Open, double High, double Low, double Close, double Volume)> _bars = [];
    private readonly List<float> _rows = [];
    private readonly List<int> _barOfRow = [];
    private readonly string[] _columns;
    private IModel? _model;
    private int _state;

    /// <summary>Creates the signal; <paramref name="createModel"/> gives a fresh untrained model per retrain.</summary>
    /// <exception cref="ModelInputException">The set needs bid/ask or other instruments.</exception>
    public WalkForwardModelSignal(FeatureSet features, LabelSpec label, Func<IModel> createModel, int train, int step, double longThreshold, double shortThreshold)
    {
        ModelSignal.RequireSingleSeries(features);
        if (train < 1 || step < 1) throw new ArgumentException($"model-walk-forward: train and step must be at least 1 row (got {train}, {step})");
        _stream = features.CreateStream();
        _columns = features.Columns.ToArray();
        _width = _columns.Length;
        (_label, _createModel, _train, _step, _long, _short) = (label, createModel, train, step, longThreshold, shortThreshold);
    }

    /// <summary>The latest prediction (NaN before the first model).</summary>
    public double LastPrediction { get; private set; } = double.NaN;

    /// <summary>Models trained so far.</summary>
    public int Retrains { get; private set; }

    /// <inheritdoc />
    public IndicatorInputs Inputs => IndicatorInputs.All;

    /// <inheritdoc />
    public int? Update(in BarInput bar)
    {
        _bars.Add((bar.Time, bar.Open, bar.High, bar.Low, bar.Close, double.IsFinite(bar.Volume) ? bar.Volume : 0));
        var row = _stream.Update(new FeatureBar(bar.Time, bar.Time, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, double.NaN, double.NaN));
        for (int c = 0; c < _width; c++)
            if (!double.IsFinite(row[c])) { LastPrediction = double.NaN; return null; } // warm-up
        for (int c = 0; c < _width; c++) _rows.Add((float)row[c]);
        _barOfRow.Add(_bars.Count - 1);
        int m = _barOfRow.Count - 1;
        if (m >= _train && (m - _train) % _step == 0) Retrain(m, bar.Time);
        if (_model is null) return null;

        int target = ModelSignal.Target(LastPrediction = _model.PredictLatest(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows).Slice(m * _width, _width)), _long, _short);
        if (target == _state) return null;
        _state = target;
        return target;
    }

    private void Retrain(int current, long now)
    {
        var builder = new BarSeriesBuilder(BarKind.Trade, _bars.Count);
        foreach (var (t, o, h, l, c, v) in _bars) builder.AddTrade(t, o, h, l, c, v);
        var bars = builder.Build("walk-forward", BarPeriod.H1); // labels read prices and times only, not the period
        var labels = _label.Compute(bars, PriceSource.Trade);
        var keep = new List<int>();
        for (int r = 0; r < current; r++)
        {
            int b = _barOfRow[r];
            if (double.IsFinite(labels.Values[b]) && labels.EndTime[b] < now) keep.Add(r);
        }
        var values = new float[keep.Count * _width];
        var time = new long[keep.Count];
        var y = new float[keep.Count];
        var labelEnd = new long[keep.Count]; // so a stacking ensemble purges its out-of-fold split on label end times
        for (int i = 0; i < keep.Count; i++)
        {
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows).Slice(keep[i] * _width, _width).CopyTo(values.AsSpan(i * _width));
            time[i] = bars.TimeTicks[_barOfRow[keep[i]]];
            y[i] = (float)labels.Values[_barOfRow[keep[i]]];
            labelEnd[i] = labels.EndTime[_barOfRow[keep[i]]];
        }
        _model?.Dispose();
        _model = _createModel();
        _model.Fit(new TrainingSet(new ModelMatrix(values, time, _columns), y, LabelEnd: labelEnd));
        Retrains++;
    }
}
