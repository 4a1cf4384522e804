using AlgoTrading.Domain;

namespace AlgoTrading.Strategies.Sizing;

/// <summary>
/// Sizes so the position's expected volatility matches a target: units = equity × target /
/// (price × quote-to-account × σ), with σ the instrument's annualised volatility estimated by
/// <paramref name="volatility"/> (a function of the current bar, e.g. ATR / price × sqrt(bars per year)).
/// Capped at <paramref name="maxLeverage"/> × equity of notional.
/// </summary>
public sealed class VolatilityTarget(double annualTarget, Func<double> volatility, double maxLeverage = 10) : IPositionSizer
{
    /// <inheritdoc />
    public double Units(double price, double stopDistance, in PortfolioSnapshot portfolio, in InstrumentContext instrument)
    {
        double sigma = volatility();
        if (!(sigma > 0) || price <= 0) return 0;
        double notional = Math.Min(portfolio.Equity * annualTarget / sigma, portfolio.Equity * maxLeverage);
        return SizeRounding.Floor(notional / (price * instrument.QuoteToAccount), instrument.MinimumTradeSize);
    }
}
