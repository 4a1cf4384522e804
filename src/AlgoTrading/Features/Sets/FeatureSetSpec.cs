using System.ComponentModel.DataAnnotations;
using AlgoTrading.Domain;

namespace AlgoTrading.Features.Sets;

/// <summary>
/// A feature set as declared under <c>feature_sets</c> in <c>config/model_config.yaml</c> (or built in
/// code). Columns are produced in this order: indicators, returns, realised volatility, calendar,
/// spread, cross-instrument, lags, rolling statistics; lags and rolling statistics refer to any
/// column defined before them by name.
/// <code>
/// my_set:
///   price: mid
///   indicators: [{ name: rsi, params: [14] }, { name: macd }]
///   returns: { kind: log, horizons: [1, 5] }
///   volatility: [20]
///   calendar: [hour, weekday, session_london]
///   spread: [spread, spread_relative]
///   cross: [{ instrument: GBP_USD, horizons: [1] }]
///   lags: [{ column: rsi_14, lags: [1, 2] }]
///   rolling: [{ column: return_log_1, window: 20, stats: [zscore, rank] }]
/// </code>
/// </summary>
public sealed class FeatureSetSpec : IValidatableOptions
{
    /// <summary>Which prices feed the features: bid, ask, mid (default) or trade.</summary>
    public Domain.PriceSource Price { get; init; } = Domain.PriceSource.Mid;
    /// <summary>Indicators from <see cref="Indicators.IndicatorCatalog"/> with parameters.</summary>
    public List<IndicatorSpec> Indicators { get; init; } = [];
    /// <summary>Close-to-close returns over several horizons.</summary>
    public ReturnSpec? Returns { get; init; }
    /// <summary>Windows (bars) of realised volatility: sqrt(Σ r²) of one-bar log returns, per window, not annualised.</summary>
    public List<int> Volatility { get; init; } = [];
    /// <summary>Calendar and session columns: hour, weekday, session_tokyo, session_london, session_new_york.</summary>
    public List<string> Calendar { get; init; } = [];
    /// <summary>Spread columns for quote bars: spread (ask − bid close, price units), spread_relative (spread / mid).</summary>
    public List<string> Spread { get; init; } = [];
    /// <summary>Other instruments' returns, aligned to bars closed at or before each bar's close.</summary>
    public List<CrossSpec> Cross { get; init; } = [];
    /// <summary>Lagged copies of earlier columns.</summary>
    public List<LagSpec> Lags { get; init; } = [];
    /// <summary>Rolling statistics of earlier columns.</summary>
    public List<RollingSpec> Rolling { get; init; } = [];

    /// <inheritdoc />
    public IEnumerable<(string Key, string Problem)> Validate()
    {
        for (int i = 0; i < Calendar.Count; i++)
            if (!CalendarFeatures.Names.Contains(Calendar[i]))
                yield return ($"calendar[{i}]", $"'{Calendar[i]}' is not a calendar feature; expected one of {string.Join(", ", CalendarFeatures.Names)}");
        for (int i = 0; i < Spread.Count; i++)
            if (Spread[i] is not ("spread" or "spread_relative"))
                yield return ($"spread[{i}]", $"'{Spread[i]}' is not a spread feature; expected spread or spread_relative");
        for (int i = 0; i < Volatility.Count; i++)
            if (Volatility[i] < 2) yield return ($"volatility[{i}]", "a realised-volatility window needs at least 2 bars");
        // Indicator names, parameters and column references are checked by compiling the set now, so a
        // mistake in model_config.yaml is reported with its file, line and key when the file is read.
        // A set with cross features is compiled when the other instruments' bars are supplied.
        if (Cross.Count == 0 && CompileProblem() is { } problem) yield return problem;
    }

    private (string Key, string Problem)? CompileProblem()
    {
        const string prefix = "feature set '': ";
        try { FeatureSetCompiler.Compile("", this); return null; }
        catch (ArgumentException e)
        {
            var message = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message.Replace("feature set '' ", "");
            var keyed = System.Text.RegularExpressions.Regex.Match(message, @"^(\w+\[\d+\])(?:: | )(.*)$");
            if (keyed.Success) return (keyed.Groups[1].Value, keyed.Groups[2].Value);
            return message.StartsWith("spread", StringComparison.Ordinal) ? ("spread", message) : ("", message);
        }
    }

    /// <summary>The same set computed on <paramref name="price"/> (trade prices have no spread, so spread columns are dropped for them).</summary>
    public FeatureSetSpec WithPrice(PriceSource price) => new()
    {
        Price = price, Indicators = Indicators, Returns = Returns, Volatility = Volatility, Calendar = Calendar,
        Spread = price == PriceSource.Trade ? [] : Spread, Cross = Cross, Lags = Lags, Rolling = Rolling,
    };
}

/// <summary>An indicator and its parameters (defaults fill the rest).</summary>
public sealed class IndicatorSpec
{
    /// <summary>Catalogue name, e.g. <c>macd</c>.</summary>
    public required string Name { get; init; }
    /// <summary>Parameters in catalogue order.</summary>
    public List<double> Params { get; init; } = [];
}

/// <summary>How returns are measured.</summary>
public enum ReturnKind
{
    /// <summary>ln(close / close h bars ago).</summary>
    Log,
    /// <summary>close / close h bars ago − 1.</summary>
    Simple,
}

/// <summary>Returns over several horizons: columns <c>return_log_1</c>, <c>return_simple_5</c>, …</summary>
public sealed class ReturnSpec
{
    /// <summary>log (default) or simple.</summary>
    public ReturnKind Kind { get; init; } = ReturnKind.Log;
    /// <summary>Horizons in bars.</summary>
    public List<int> Horizons { get; init; } = [1];
}

/// <summary>Another instrument's returns: columns <c>gbp_usd_return_log_1</c>, …</summary>
public sealed class CrossSpec
{
    /// <summary>The other instrument's symbol; its bars are supplied when the set is computed.</summary>
    public required string Instrument { get; init; }
    /// <summary>log (default) or simple.</summary>
    public ReturnKind Kind { get; init; } = ReturnKind.Log;
    /// <summary>Horizons in the other instrument's bars.</summary>
    public List<int> Horizons { get; init; } = [1];
}

/// <summary>Lagged copies: columns <c>rsi_14_lag_1</c>, …</summary>
public sealed class LagSpec
{
    /// <summary>An earlier column.</summary>
    public required string Column { get; init; }
    /// <summary>Lags in bars (≥ 1).</summary>
    public List<int> Lags { get; init; } = [1];
}

/// <summary>The statistics <see cref="RollingSpec"/> offers.</summary>
public enum RollingStatistic
{
    /// <summary>Mean over the window.</summary>
    Mean,
    /// <summary>Population standard deviation over the window.</summary>
    Std,
    /// <summary>(x − mean) / std over the window that ends at x (0 when std is 0).</summary>
    Zscore,
    /// <summary>Minimum over the window.</summary>
    Min,
    /// <summary>Maximum over the window.</summary>
    Max,
    /// <summary>Fraction of the window's values ≤ x, in (0, 1].</summary>
    Rank,
}

/// <summary>Rolling statistics of a column: <c>return_log_1_zscore_20</c>, …</summary>
public sealed class RollingSpec
{
    /// <summary>An earlier column.</summary>
    public required string Column { get; init; }
    /// <summary>Window length in bars.</summary>
    [Range(2, 100_000)]
    public required int Window { get; init; }
    /// <summary>Statistics to compute.</summary>
    public List<RollingStatistic> Stats { get; init; } = [RollingStatistic.Mean];
}
