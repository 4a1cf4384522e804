namespace AlgoTrading.Features.Sets.Components;

/// <summary>Quote-bar spread at the close: <c>spread</c> = ask − bid (price units), <c>spread_relative</c> = spread / mid. NaN for trade bars.</summary>
internal sealed class SpreadComponent(IReadOnlyList<string> columns) : IFeatureComponent
{
    private readonly string[] _columns = [.. columns];

    /// <inheritdoc />
    public IReadOnlyList<string> Columns => _columns;

    /// <inheritdoc />
    public void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output)
    {
        double spread = bar.AskClose - bar.BidClose;
        double mid = (bar.AskClose + bar.BidClose) / 2;
        for (int k = 0; k < _columns.Length; k++) output[k] = _columns[k] == "spread" ? spread : spread / mid;
    }

    /// <inheritdoc />
    public IFeatureComponent Fresh() => new SpreadComponent(_columns);
}
