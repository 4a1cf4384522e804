using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Features.Sets.Components;

/// <summary>
/// Rolling statistics of an earlier column over the last w values, including the current one:
/// <c>{column}_{stat}_{w}</c> for mean, std (population), zscore ((x − mean)/std, 0 when std is 0),
/// min, max and rank (fraction of the window ≤ x). NaN until the window holds w values; a NaN input
/// (the source's warm-up) is not counted, so the window fills with real values only.
/// </summary>
internal sealed class RollingComponent : IFeatureComponent
{
    private readonly string _column;
    private readonly int _source, _window;
    private readonly Sets.RollingStatistic[] _stats;
    private RollingVariance _sum;
    private RollingExtremum _max, _min;

    /// <summary>Statistics of the column at index <paramref name="source"/> of the row.</summary>
    public RollingComponent(string column, int source, int window, IReadOnlyList<Sets.RollingStatistic> stats)
    {
        (_column, _source, _window, _stats) = (column, source, window, [.. stats]);
        _sum = new RollingVariance(window);
        _max = new RollingExtremum(window, true);
        _min = new RollingExtremum(window, false);
        Columns = _stats.Select(s => $"{column}_{s.ToString().ToLowerInvariant()}_{window}").ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; }

    /// <inheritdoc />
    public void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output)
    {
        double x = row[_source];
        double max = double.NaN, min = double.NaN;
        if (!double.IsNaN(x))
        {
            _sum.Push(x);
            max = _max.Push(x);
            min = _min.Push(x);
        }
        bool ready = _sum.IsFull && !double.IsNaN(x);
        for (int k = 0; k < _stats.Length; k++)
        {
            if (!ready) { output[k] = double.NaN; continue; }
            double mean = _sum.Mean;
            output[k] = _stats[k] switch
            {
                Sets.RollingStatistic.Mean => mean,
                Sets.RollingStatistic.Std => Math.Sqrt(_sum.PopulationVariance),
                Sets.RollingStatistic.Zscore => _sum.PopulationVariance > 0 ? (x - mean) / Math.Sqrt(_sum.PopulationVariance) : 0,
                Sets.RollingStatistic.Min => min,
                Sets.RollingStatistic.Max => max,
                _ => Rank(x),
            };
        }
    }

    private double Rank(double x)
    {
        int atOrBelow = 0;
        for (int i = 0; i < _sum.Count; i++) if (_sum.Ago(i) <= x) atOrBelow++;
        return atOrBelow / (double)_sum.Count;
    }

    /// <inheritdoc />
    public IFeatureComponent Fresh() => new RollingComponent(_column, _source, _window, _stats);
}
