using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Features.Sets.Components;

/// <summary>Lagged copies of an earlier column: <c>{column}_lag_{k}</c> is the column's value k bars ago (NaN before).</summary>
internal sealed class LagComponent : IFeatureComponent
{
    private readonly string _column;
    private readonly int _source;
    private readonly int[] _lags;
    private RingBuffer _history;

    /// <summary>Lags of the column at index <paramref name="source"/> of the row.</summary>
    public LagComponent(string column, int source, IReadOnlyList<int> lags)
    {
        if (lags.Count == 0 || lags.Any(l => l < 1)) throw new ArgumentException($"lags of {column} must be whole numbers of bars ≥ 1");
        (_column, _source, _lags) = (column, source, [.. lags]);
        _history = new RingBuffer(_lags.Max() + 1);
        Columns = _lags.Select(l => $"{column}_lag_{l}").ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Columns { get; }

    /// <inheritdoc />
    public void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output)
    {
        _history.Push(row[_source]);
        for (int k = 0; k < _lags.Length; k++) output[k] = _history.Count > _lags[k] ? _history.Ago(_lags[k]) : double.NaN;
    }

    /// <inheritdoc />
    public IFeatureComponent Fresh() => new LagComponent(_column, _source, _lags);
}
