namespace AlgoTrading.Features.Sets;

/// <summary>
/// Feature sets that ship with the library. Their column names are part of the public contract:
/// models trained on them are stored with these names.
/// </summary>
public static class BuiltInFeatureSets
{
    /// <summary>
    /// <c>classic</c>: sma_20, ema_20, wma_20, rsi_14, atr_14, natr_14, macd_12_26_9,
    /// macd_signal_12_26_9, macd_hist_12_26_9, bb_upper_20_2, bb_middle_20_2, bb_lower_20_2,
    /// stoch_k_14_3_3, stoch_d_14_3_3, adx_14, plus_di_14, minus_di_14, cci_20, willr_14, roc_10,
    /// mom_10, stddev_20 — on mid prices.
    /// </summary>
    public static FeatureSetSpec Classic => new()
    {
        Indicators =
        [
            new() { Name = "sma", Params = [20] }, new() { Name = "ema", Params = [20] }, new() { Name = "wma", Params = [20] },
            new() { Name = "rsi", Params = [14] }, new() { Name = "atr", Params = [14] }, new() { Name = "natr", Params = [14] },
            new() { Name = "macd", Params = [12, 26, 9] }, new() { Name = "bb", Params = [20, 2] }, new() { Name = "stoch", Params = [14, 3, 3] },
            new() { Name = "adx", Params = [14] }, new() { Name = "cci", Params = [20] }, new() { Name = "willr", Params = [14] },
            new() { Name = "roc", Params = [10] }, new() { Name = "mom", Params = [10] }, new() { Name = "stddev", Params = [20] },
        ],
    };

    /// <summary>
    /// <c>market_state</c>: returns over 1, 5 and 20 bars, realised volatility, calendar and session
    /// flags, spread, RSI and ATR with lags, and rolling z-scores and ranks — every kind of feature
    /// that needs no second instrument.
    /// </summary>
    public static FeatureSetSpec MarketState => new()
    {
        Indicators = [new() { Name = "rsi", Params = [14] }, new() { Name = "atr", Params = [14] }],
        Returns = new ReturnSpec { Kind = ReturnKind.Log, Horizons = [1, 5, 20] },
        Volatility = [20, 60],
        Calendar = ["hour", "weekday", "session_tokyo", "session_london", "session_new_york"],
        Spread = ["spread", "spread_relative"],
        Lags = [new() { Column = "rsi_14", Lags = [1, 2, 5] }, new() { Column = "return_log_1", Lags = [1, 2] }],
        Rolling =
        [
            new() { Column = "return_log_1", Window = 20, Stats = [RollingStatistic.Mean, RollingStatistic.Std, RollingStatistic.Zscore] },
            new() { Column = "atr_14", Window = 50, Stats = [RollingStatistic.Rank, RollingStatistic.Min, RollingStatistic.Max] },
        ],
    };

    /// <summary>Names of the built-in sets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["classic", "market_state"];

    /// <summary>The built-in set named <paramref name="name"/>, or null.</summary>
    public static FeatureSetSpec? Find(string name) => name switch
    {
        "classic" => Classic,
        "market_state" => MarketState,
        _ => null,
    };
}
