using AlgoTrading.Domain;

namespace AlgoTrading.Strategies.Sizing;

/// <summary>
/// Risks a fixed fraction of equity per trade: units = equity × fraction / (stop distance × value of
/// one price unit per unit in the account currency). With a 0.5 % risk, a 20-pip stop on EUR_USD
/// and 100,000 USD equity: 500 / (0.0020 × 1) = 250,000 units. No stop, no trade.
/// </summary>
public sealed class FixedFractionalRisk(double fraction) : IPositionSizer
{
    /// <inheritdoc />
    public double Units(double price, double stopDistance, in PortfolioSnapshot portfolio, in InstrumentContext instrument)
    {
        if (!(stopDistance > 0) || portfolio.Equity <= 0) return 0;
        double riskPerUnit = stopDistance * instrument.QuoteToAccount;
        return SizeRounding.Floor(portfolio.Equity * fraction / riskPerUnit, instrument.MinimumTradeSize);
    }
}
