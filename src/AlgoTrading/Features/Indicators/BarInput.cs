namespace AlgoTrading.Features.Indicators;

/// <summary>One closed bar as an indicator sees it: bar-start time (UTC ticks), prices of one side
/// (bid, ask, mid or trade) and volume (0 when the source has none).</summary>
public readonly record struct BarInput(long Time, double Open, double High, double Low, double Close, double Volume);

/// <summary>
/// Which fields of <see cref="BarInput"/> a kernel, signal or strategy reads; the batch runner and
/// the backtest engine load only those. The sets are nested and ordered: each includes the ones
/// before it, so the larger of two values covers both.
/// </summary>
public enum IndicatorInputs
{
    /// <summary>Only <see cref="BarInput.Close"/> (or whichever single series is fed as the close).</summary>
    Close,
    /// <summary>High, low and close.</summary>
    HighLowClose,
    /// <summary>Open, high, low and close.</summary>
    Ohlc,
    /// <summary>Every field: time, open, high, low, close and volume.</summary>
    All,
}
