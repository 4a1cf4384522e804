using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Strategies.Signals;

/// <summary>
/// Channel breakout (Donchian): +1 when the close exceeds the highest high of the previous n bars,
/// −1 when it falls below their lowest low; null otherwise. The current bar is not part of its own channel.
/// </summary>
public sealed class BreakoutSignal(int period) : ISignal
{
    private RollingExtremum _highest = new(period, true), _lowest = new(period, false);
    private double _channelHigh = double.NaN, _channelLow = double.NaN;

    /// <inheritdoc />
    public IndicatorInputs Inputs => IndicatorInputs.HighLowClose;

    /// <inheritdoc />
    public int? Update(in BarInput bar)
    {
        int? signal = bar.Close > _channelHigh ? 1 : bar.Close < _channelLow ? -1 : null;
        double hh = _highest.Push(bar.High), ll = _lowest.Push(bar.Low);
        if (_highest.Seen >= period) (_channelHigh, _channelLow) = (hh, ll);
        return signal;
    }
}
