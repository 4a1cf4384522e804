using AlgoTrading.Domain;

namespace AlgoTrading.Strategies.Sizing;

/// <summary>
/// Kelly fraction f* = p − (1 − p)/b for win probability p and payoff ratio b (average win / average
/// loss), scaled by <paramref name="scale"/> (half-Kelly = 0.5) and capped at <paramref name="cap"/>
/// of equity as notional; units = equity × f / (price × quote-to-account). A negative edge trades nothing.
/// </summary>
public sealed class CappedKelly(double winProbability, double payoffRatio, double scale = 0.5, double cap = 0.25) : IPositionSizer
{
    /// <summary>The fraction of equity this sizer commits.</summary>
    public double Fraction => Math.Clamp((winProbability - (1 - winProbability) / payoffRatio) * scale, 0, cap);

    /// <inheritdoc />
    public double Units(double price, double stopDistance, in PortfolioSnapshot portfolio, in InstrumentContext instrument) =>
        price > 0 ? SizeRounding.Floor(portfolio.Equity * Fraction / (price * instrument.QuoteToAccount), instrument.MinimumTradeSize) : 0;
}
