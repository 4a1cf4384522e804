using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Strategies.Signals;

/// <summary>
/// An entry rule: consumes each closed bar and says which way to be, or nothing. +1 long, −1 short,
/// 0 flat, null when the rule has no new opinion on this bar (the position stays as it is).
/// Decided at the bar's close from closed bars only.
/// </summary>
public interface ISignal
{
    /// <summary>Consumes the bar; returns the desired direction or null.</summary>
    int? Update(in BarInput bar);

    /// <summary>
    /// The price fields of the bar the rule reads (its time is always set). An engine may leave the
    /// others NaN, and the backtest engine does: a rule that reads a field it did not declare sees
    /// NaN. The default, every field, is always safe.
    /// </summary>
    IndicatorInputs Inputs => IndicatorInputs.All;
}
