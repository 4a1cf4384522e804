using AlgoTrading.Domain;

namespace AlgoTrading.Strategies.Sizing;

/// <summary>
/// Scales another sizer's units by a confidence in [0, 1] read when the position is entered (e.g.
/// <see cref="Signals.ModelSignal.Confidence"/>), rounded down like every sizer.
/// </summary>
public sealed class ConfidenceScaledSizer(IPositionSizer inner, Func<double> confidence) : IPositionSizer
{
    /// <inheritdoc />
    public double Units(double price, double stopDistance, in PortfolioSnapshot portfolio, in InstrumentContext instrument)
    {
        double c = confidence();
        double scale = double.IsFinite(c) ? Math.Clamp(c, 0, 1) : 0;
        return SizeRounding.Floor(inner.Units(price, stopDistance, portfolio, instrument) * scale, instrument.MinimumTradeSize);
    }
}
