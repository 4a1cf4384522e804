using AlgoTrading.Domain;

namespace AlgoTrading.Strategies.Sizing;

/// <summary>Always the same number of units (e.g. 10,000 = a mini lot of EUR_USD).</summary>
public sealed class FixedUnits(double units) : IPositionSizer
{
    /// <inheritdoc />
    public double Units(double price, double stopDistance, in PortfolioSnapshot portfolio, in InstrumentContext instrument) =>
        SizeRounding.Floor(units, instrument.MinimumTradeSize);
}
