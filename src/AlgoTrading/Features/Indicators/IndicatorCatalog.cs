using System.Globalization;
using AlgoTrading.Time;

namespace AlgoTrading.Features.Indicators;

/// <summary>An indicator made ready to run: its output column names and both faces.</summary>
public interface IIndicatorRunner
{
    /// <summary>Column names of the outputs, e.g. <c>bb_upper_20_2</c>, <c>bb_middle_20_2</c>, <c>bb_lower_20_2</c>.</summary>
    IReadOnlyList<string> OutputNames { get; }
    /// <summary>Index of the first bar on which every output is valid.</summary>
    int WarmUp { get; }
    /// <summary>Batch face: a fresh kernel over <paramref name="input"/> into <paramref name="output"/> (column k at k·stride).</summary>
    void RunBatch(BarColumns input, Span<double> output, int stride);
    /// <summary>Streaming face: a fresh kernel to feed bar by bar.</summary>
    IStreamingIndicator CreateStreaming();
}

/// <summary>What an indicator needs besides its parameters.</summary>
/// <param name="Session">The trading session (for session-anchored indicators such as VWAP).</param>
public sealed record IndicatorContext(TradingSession Session)
{
    /// <summary>FX (24x5, day ending 17:00 New York).</summary>
    public static IndicatorContext Default { get; } = new(TradingSession.Forex);
}

/// <summary>One catalogue entry.</summary>
/// <param name="Name">The name used in feature sets, e.g. <c>macd</c>.</param>
/// <param name="Outputs">Output name stems, e.g. <c>macd</c>, <c>macd_signal</c>, <c>macd_hist</c>.</param>
/// <param name="Defaults">Default parameters, in order.</param>
/// <param name="Summary">One line: what it is and its units.</param>
public sealed record IndicatorDefinition(string Name, string[] Outputs, double[] Defaults, string Summary);

/// <summary>
/// Every indicator by name, with default parameters and column naming: a column is its output stem
/// followed by the parameters, <c>sma_20</c>, <c>macd_signal_12_26_9</c>, <c>bb_upper_20_2</c>,
/// <c>stoch_k_14_3_3</c>, <c>sar_0.02_0.2</c>. Feature sets and the command line build indicators only
/// through here, so a name means the same thing everywhere.
/// </summary>
public static class IndicatorCatalog
{
    private static readonly Dictionary<string, (IndicatorDefinition Definition, Func<double[], IndicatorContext, string[], IIndicatorRunner> Create)> Entries = new(StringComparer.OrdinalIgnoreCase);

    static IndicatorCatalog()
    {
        Add("sma", ["sma"], [20], "simple moving average of the close; price units", (p, _) => new SimpleMovingAverage(I(p, 0)));
        Add("ema", ["ema"], [20], "exponential moving average, SMA-seeded; price units", (p, _) => new ExponentialMovingAverage(I(p, 0)));
        Add("wma", ["wma"], [20], "linearly weighted moving average; price units", (p, _) => new WeightedMovingAverage(I(p, 0)));
        Add("dema", ["dema"], [20], "double exponential moving average; price units", (p, _) => new DoubleExponentialMovingAverage(I(p, 0)));
        Add("tema", ["tema"], [20], "triple exponential moving average; price units", (p, _) => new TripleExponentialMovingAverage(I(p, 0)));
        Add("kama", ["kama"], [10], "Kaufman adaptive moving average (fast 2, slow 30); price units", (p, _) => new KaufmanAdaptiveMovingAverage(I(p, 0)));
        Add("rsi", ["rsi"], [14], "relative strength index, Wilder; 0-100", (p, _) => new RelativeStrengthIndex(I(p, 0)));
        Add("macd", ["macd", "macd_signal", "macd_hist"], [12, 26, 9], "MACD line, signal and histogram; price units", (p, _) => new MovingAverageConvergenceDivergence(I(p, 0), I(p, 1), I(p, 2)));
        Add("bb", ["bb_upper", "bb_middle", "bb_lower"], [20, 2], "Bollinger bands, population deviation; price units", (p, _) => new BollingerBands(I(p, 0), p[1]));
        Add("atr", ["atr"], [14], "average true range, Wilder; price units", (p, _) => new AverageTrueRange(I(p, 0)));
        Add("natr", ["natr"], [14], "ATR in percent of the close", (p, _) => new NormalizedAverageTrueRange(I(p, 0)));
        Add("adx", ["adx", "plus_di", "minus_di"], [14], "average directional index with +DI and -DI; 0-100", (p, _) => new AverageDirectionalIndex(I(p, 0)));
        Add("stoch", ["stoch_k", "stoch_d"], [14, 3, 3], "slow stochastic %K and %D; 0-100", (p, _) => new Stochastic(I(p, 0), I(p, 1), I(p, 2)));
        Add("cci", ["cci"], [20], "commodity channel index; unbounded, ~±100", (p, _) => new CommodityChannelIndex(I(p, 0)));
        Add("willr", ["willr"], [14], "Williams %R; -100-0", (p, _) => new WilliamsPercentR(I(p, 0)));
        Add("roc", ["roc"], [10], "rate of change; percent", (p, _) => new RateOfChange(I(p, 0)));
        Add("mom", ["mom"], [10], "momentum (close difference); price units", (p, _) => new Momentum(I(p, 0)));
        Add("stddev", ["stddev"], [20], "rolling population standard deviation of the close; price units", (p, _) => new StandardDeviation(I(p, 0)));
        Add("obv", ["obv"], [], "on-balance volume; volume units", (_, _) => new OnBalanceVolume());
        Add("mfi", ["mfi"], [14], "money flow index; 0-100", (p, _) => new MoneyFlowIndex(I(p, 0)));
        Add("donchian", ["donchian_upper", "donchian_middle", "donchian_lower"], [20], "Donchian channel; price units", (p, _) => new DonchianChannel(I(p, 0)));
        Add("keltner", ["keltner_upper", "keltner_middle", "keltner_lower"], [20, 1.5], "Keltner channel (SMA of typical price ± k·SMA of true range); price units", (p, _) => new KeltnerChannel(I(p, 0), p[1]));
        Add("ichimoku", ["ichimoku_tenkan", "ichimoku_kijun", "ichimoku_senkou_a", "ichimoku_senkou_b"], [9, 26, 52], "Ichimoku lines as known at the bar; price units", (p, _) => new IchimokuCloud(I(p, 0), I(p, 1), I(p, 2)));
        Add("sar", ["sar"], [0.02, 0.2], "parabolic SAR; price units", (p, _) => new ParabolicSar(p[0], p[1]));
        Add("vwap", ["vwap"], [], "VWAP anchored at the trading-day start; price units", (_, c) => new SessionVwap(c.Session));
        Add("heikin_ashi", ["ha_open", "ha_high", "ha_low", "ha_close"], [], "Heikin-Ashi candles; price units", (_, _) => new HeikinAshi());
    }

    /// <summary>Every entry, in catalogue order.</summary>
    public static IEnumerable<IndicatorDefinition> All => Entries.Values.Select(e => e.Definition);

    /// <summary>Creates the runner for <paramref name="name"/> with <paramref name="parameters"/> (defaults fill the rest).</summary>
    /// <exception cref="ArgumentException">Unknown name, or too many parameters.</exception>
    public static IIndicatorRunner Create(string name, IReadOnlyList<double>? parameters = null, IndicatorContext? context = null)
    {
        if (!Entries.TryGetValue(name, out var entry))
            throw new ArgumentException($"unknown indicator '{name}'; known: {string.Join(", ", Entries.Keys)}");
        var defaults = entry.Definition.Defaults;
        parameters ??= [];
        if (parameters.Count > defaults.Length)
            throw new ArgumentException($"{name} takes at most {defaults.Length} parameter(s) ({string.Join(", ", defaults)} by default), got {parameters.Count}");
        var p = defaults.Select((d, i) => i < parameters.Count ? parameters[i] : d).ToArray();
        var suffix = p.Length == 0 ? "" : "_" + string.Join("_", p.Select(v => v.ToString("0.########", CultureInfo.InvariantCulture)));
        var names = entry.Definition.Outputs.Select(o => o + suffix).ToArray();
        return entry.Create(p, context ?? IndicatorContext.Default, names);
    }

    private static void Add<TKernel>(string name, string[] outputs, double[] defaults, string summary, Func<double[], IndicatorContext, TKernel> factory)
        where TKernel : struct, IIndicatorKernel =>
        Entries[name] = (new IndicatorDefinition(name, outputs, defaults, summary), (p, c, names) => new KernelRunner<TKernel>(() => factory(p, c), names));

    private static int I(double[] p, int i)
    {
        double v = p[i];
        if (v != Math.Floor(v) || v < 1) throw new ArgumentException($"parameter {i + 1} must be a whole number of bars ≥ 1, got {v}");
        return (int)v;
    }

    private sealed class KernelRunner<TKernel>(Func<TKernel> factory, string[] names) : IIndicatorRunner where TKernel : struct, IIndicatorKernel
    {
        // Building one kernel up front validates the parameters when the runner is created, not on first use.
        private readonly int _warmUp = factory().WarmUp;

        public IReadOnlyList<string> OutputNames => names;
        public int WarmUp => _warmUp;

        public void RunBatch(BarColumns input, Span<double> output, int stride)
        {
            var kernel = factory(); // fresh state: kernels hold arrays, so a copy would share them
            IndicatorBatch.Run(ref kernel, input, output, stride);
        }

        public IStreamingIndicator CreateStreaming() => new StreamingIndicator<TKernel>(factory(), names);
    }
}
