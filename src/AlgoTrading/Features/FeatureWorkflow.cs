using AlgoTrading.Configuration;
using AlgoTrading.Data;
using AlgoTrading.Data.Processors;
using AlgoTrading.Domain;
using AlgoTrading.Features.Indicators;
using AlgoTrading.Features.Sets;
using AlgoTrading.Features.Validation;

namespace AlgoTrading.Features;

/// <summary>What <see cref="FeatureWorkflow.ComputeAsync"/> did.</summary>
/// <param name="SetName">The feature set.</param>
/// <param name="Matrix">The features.</param>
/// <param name="Validation">What validation of the input found and, under drop or repair, did.</param>
public sealed record FeatureRun(string SetName, FeatureMatrix Matrix, ValidationReport Validation);

/// <summary>Validated bars and the feature set compiled for them.</summary>
/// <param name="Bars">The bars, repaired where validation found problems.</param>
/// <param name="Set">The compiled set (its price source already resolved).</param>
/// <param name="Validation">What validation found.</param>
public sealed record FeatureInputs(BarSeries Bars, FeatureSet Set, ValidationReport Validation);

/// <summary>
/// The library side of <c>algotrading features</c>: load and validate a bar file, resolve the set,
/// load the other instruments cross features need, compute, and optionally write; or run the
/// look-ahead probe on the set.
/// </summary>
public static class FeatureWorkflow
{
    /// <summary>Computes set <paramref name="setName"/> (a name or a .yaml file) on <paramref name="dataFile"/>.</summary>
    /// <param name="dataFile">Bars in any supported format.</param>
    /// <param name="setName">Built-in name, a name under feature_sets in model_config.yaml, or a .yaml file.</param>
    /// <param name="configuration">Sessions, instruments and configured sets.</param>
    /// <param name="price">Overrides the set's price source.</param>
    /// <param name="others">Files of other instruments for cross features, by symbol.</param>
    /// <param name="validation">The input's validation policy, also applied to <paramref name="others"/>; null fails on the first bad row.</param>
    /// <param name="cancellationToken">Stops the load.</param>
    public static async Task<FeatureRun> ComputeAsync(string dataFile, string setName, AlgoTradingConfiguration configuration,
        PriceSource? price = null, IReadOnlyDictionary<string, string>? others = null, ValidationOptions? validation = null,
        CancellationToken cancellationToken = default)
    {
        var (bars, report) = await ValidatedMarketDataLoader.LoadBarsAsync(dataFile, validation: validation, cancellationToken: cancellationToken);
        var set = await CompileAsync(setName, configuration, bars, price, others, validation, cancellationToken);
        return new FeatureRun(set.Name, set.Compute(bars), report);
    }

    /// <summary>
    /// Loads and validates <paramref name="dataFile"/> and compiles set <paramref name="setName"/> for it
    /// without computing, for callers that also need the bars (labels, streaming).
    /// </summary>
    public static async Task<FeatureInputs> PrepareAsync(string dataFile, string setName, AlgoTradingConfiguration configuration,
        PriceSource? price = null, IReadOnlyDictionary<string, string>? others = null, ValidationOptions? validation = null,
        CancellationToken cancellationToken = default)
    {
        var (bars, report) = await ValidatedMarketDataLoader.LoadBarsAsync(dataFile, validation: validation, cancellationToken: cancellationToken);
        return new FeatureInputs(bars, await CompileAsync(setName, configuration, bars, price, others, validation, cancellationToken), report);
    }

    /// <summary>Runs the look-ahead probe of set <paramref name="setName"/> on <paramref name="dataFile"/>; null means none found.</summary>
    public static async Task<LookAheadViolation?> CheckAsync(string dataFile, string setName, AlgoTradingConfiguration configuration,
        PriceSource? price = null, IReadOnlyDictionary<string, string>? others = null, ValidationOptions? validation = null,
        CancellationToken cancellationToken = default)
    {
        var (bars, _) = await ValidatedMarketDataLoader.LoadBarsAsync(dataFile, validation: validation, cancellationToken: cancellationToken);
        var set = await CompileAsync(setName, configuration, bars, price, others, validation, cancellationToken);
        return LookAheadProbe.Check(set.Compute, bars);
    }

    private static async Task<FeatureSet> CompileAsync(string setName, AlgoTradingConfiguration configuration, BarSeries bars, PriceSource? price,
        IReadOnlyDictionary<string, string>? others, ValidationOptions? validation, CancellationToken cancellationToken)
    {
        var (name, spec) = FeatureSetResolver.Resolve(setName, configuration.Model);
        if (price is { } p)
        {
            // Asking for a price the file does not hold is a wrong option, not bad data.
            if ((p == PriceSource.Trade) != (bars.Kind == BarKind.Trade) && !(p == PriceSource.Mid && bars.Kind == BarKind.Trade))
                throw new ArgumentException($"price {p.ToString().ToLowerInvariant()}: {bars.Instrument} holds {bars.Kind.ToString().ToLowerInvariant()} bars; use {(bars.Kind == BarKind.Quote ? "bid, ask or mid" : "trade")}");
            spec = WithPrice(spec, p);
        }
        else if (bars.Kind == BarKind.Trade && spec.Price != PriceSource.Trade) spec = WithPrice(spec, PriceSource.Trade); // trade bars have one price
        var otherBars = new Dictionary<string, BarSeries>();
        foreach (var (symbol, file) in others ?? new Dictionary<string, string>())
            otherBars[symbol] = (await ValidatedMarketDataLoader.LoadBarsAsync(file, validation: validation, cancellationToken: cancellationToken)).Bars.With(instrument: symbol);
        var session = configuration.Market.FindInstrument(bars.Instrument) is { } s ? configuration.Market.SessionOf(s) : Time.TradingSession.Forex;
        return FeatureSetCompiler.Compile(name, spec, new IndicatorContext(session), otherBars);
    }

    internal static FeatureSetSpec WithPrice(FeatureSetSpec spec, PriceSource price) => new()
    {
        Price = price, Indicators = spec.Indicators, Returns = spec.Returns, Volatility = spec.Volatility, Calendar = spec.Calendar,
        Spread = price == PriceSource.Trade ? [] : spec.Spread, Cross = spec.Cross, Lags = spec.Lags, Rolling = spec.Rolling,
    };
}
