using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Strategies.Signals;

/// <summary>
/// Mean-reversion threshold on an indicator (RSI by default): +1 when it falls below
/// <c>lower</c>, −1 when it rises above <c>upper</c>, 0 (flat) when it returns past
/// <c>exit</c> from either side; null otherwise.
/// </summary>
public sealed class ThresholdSignal(IStreamingIndicator indicator, double lower, double upper, double? exit = null) : ISignal
{
    private int _state;

    /// <summary>RSI(period) with the usual 30/70 thresholds and an exit at 50.</summary>
    public static ThresholdSignal Rsi(int period = 14, double lower = 30, double upper = 70, double? exit = 50) =>
        new(IndicatorCatalog.Create("rsi", [period]).CreateStreaming(), lower, upper, exit);

    /// <inheritdoc />
    public IndicatorInputs Inputs => indicator.Inputs;

    /// <inheritdoc />
    public int? Update(in BarInput bar)
    {
        indicator.Update(bar);
        double v = indicator.Values[0];
        if (double.IsNaN(v)) return null;
        int next = v < lower ? 1 : v > upper ? -1 : _state;
        if (exit is { } e && ((_state == 1 && v >= e) || (_state == -1 && v <= e))) next = 0;
        if (next == _state) return null;
        _state = next;
        return next;
    }
}
