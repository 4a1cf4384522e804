using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Strategies.Signals;

/// <summary>
/// The hook a model feeds: directions keyed by bar start (UTC ticks), produced elsewhere from
/// features known at each bar's close. A bar without an entry has no opinion (null).
/// </summary>
public sealed class ExternalSignal(IReadOnlyDictionary<long, int> directions) : ISignal
{
    /// <inheritdoc />
    public IndicatorInputs Inputs => IndicatorInputs.Close; // reads only the time, which is always set

    /// <inheritdoc />
    public int? Update(in BarInput bar) => directions.TryGetValue(bar.Time, out var d) ? Math.Sign(d) : null;
}
