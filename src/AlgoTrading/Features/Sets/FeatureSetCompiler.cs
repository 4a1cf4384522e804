using AlgoTrading.Domain;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Features.Sets.Components;

namespace AlgoTrading.Features.Sets;

/// <summary>
/// Turns a <see cref="FeatureSetSpec"/> into a runnable <see cref="FeatureSet"/>, checking every
/// reference: indicator names and parameters, columns that lags and rolling statistics refer to,
/// and the other instruments' bars that cross features need.
/// </summary>
public static class FeatureSetCompiler
{
    /// <summary>Compiles <paramref name="spec"/>.</summary>
    /// <param name="name">The set's name, used in messages.</param>
    /// <param name="spec">The declaration.</param>
    /// <param name="context">The session for session-anchored indicators.</param>
    /// <param name="others">Bars of other instruments by symbol, for cross features.</param>
    /// <exception cref="ArgumentException">A reference cannot be resolved; the message names the set and the entry.</exception>
    public static FeatureSet Compile(string name, FeatureSetSpec spec, IndicatorContext? context = null, IReadOnlyDictionary<string, BarSeries>? others = null)
    {
        var components = new List<IFeatureComponent>();
        var columns = new List<string>();
        void Add(IFeatureComponent c) { components.Add(c); columns.AddRange(c.Columns); }
        int IndexOf(string column, string where)
        {
            int i = columns.IndexOf(column);
            return i >= 0 ? i : throw new ArgumentException($"feature set '{name}': {where} refers to column '{column}', which is not defined before it (defined: {string.Join(", ", columns)})");
        }

        for (int i = 0; i < spec.Indicators.Count; i++)
        {
            try { Add(new IndicatorComponent(IndicatorCatalog.Create(spec.Indicators[i].Name, spec.Indicators[i].Params, context))); }
            catch (ArgumentException e) { throw new ArgumentException($"feature set '{name}': indicators[{i}]: {e.Message}", e); }
        }
        if (spec.Returns is { } r) Add(new ReturnComponent(r.Kind, r.Horizons));
        if (spec.Volatility.Count > 0) Add(new VolatilityComponent(spec.Volatility));
        if (spec.Calendar.Count > 0) Add(new CalendarFeatures(spec.Calendar));
        if (spec.Spread.Count > 0)
        {
            if (spec.Price == PriceSource.Trade) throw new ArgumentException($"feature set '{name}': spread features need quote bars, but the set reads trade prices");
            Add(new SpreadComponent(spec.Spread));
        }
        foreach (var cross in spec.Cross)
        {
            if (others is null || !others.TryGetValue(cross.Instrument, out var other))
                throw new ArgumentException($"feature set '{name}': cross features need {cross.Instrument} bars; supply them (--with {cross.Instrument}=<file>)");
            var source = other.Kind == BarKind.Quote ? PriceSource.Mid : PriceSource.Trade;
            Add(new CrossInstrumentComponent(cross.Instrument, cross.Kind, cross.Horizons, () => new BarSeriesCrossSeries(other, source)));
        }
        for (int i = 0; i < spec.Lags.Count; i++)
            Add(new LagComponent(spec.Lags[i].Column, IndexOf(spec.Lags[i].Column, $"lags[{i}]"), spec.Lags[i].Lags));
        for (int i = 0; i < spec.Rolling.Count; i++)
            Add(new RollingComponent(spec.Rolling[i].Column, IndexOf(spec.Rolling[i].Column, $"rolling[{i}]"), spec.Rolling[i].Window, spec.Rolling[i].Stats));
        if (components.Count == 0) throw new ArgumentException($"feature set '{name}' defines no features");
        return new FeatureSet(name, spec, components);
    }
}
