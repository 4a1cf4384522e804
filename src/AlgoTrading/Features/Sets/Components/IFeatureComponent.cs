namespace AlgoTrading.Features.Sets.Components;

/// <summary>
/// One group of columns of a feature set, computed bar by bar with O(1) (or O(window)) state.
/// The same component code serves research (batch over history) and live trading (one bar at a
/// time), so a feature cannot mean two things.
/// </summary>
public interface IFeatureComponent
{
    /// <summary>The columns this component writes, in order.</summary>
    IReadOnlyList<string> Columns { get; }
    /// <summary>
    /// Consumes the next closed bar. <paramref name="row"/> holds the columns written so far for this
    /// bar (earlier components); <paramref name="output"/> receives this component's columns.
    /// </summary>
    void Update(in FeatureBar bar, ReadOnlySpan<double> row, Span<double> output);
    /// <summary>A copy with empty state, for a new stream.</summary>
    IFeatureComponent Fresh();
}
