using AlgoTrading.Domain;

namespace AlgoTrading.Execution.Simulation;

/// <summary>
/// What a simulated fill costs, in one place for the backtest engine and the simulated execution
/// client: slippage moves the price against the trader; the half-spread and the slippage are
/// already inside the price and are reported for analysis; commission (per lot and per notional) is
/// charged in cash. Amounts are in the account currency (the quote-to-account rate converts).
/// </summary>
internal static class CostModel
{
    /// <summary>The fill price after slippage and the costs of filling <paramref name="units"/> (signed, non-zero) at <paramref name="price"/>.</summary>
    /// <param name="instrument">Contract facts (lot size, commission).</param>
    /// <param name="units">Signed units; positive buys.</param>
    /// <param name="price">The rule's price before slippage (quote currency).</param>
    /// <param name="halfSpread">Half the bid/ask spread at the fill (price units).</param>
    /// <param name="slippage">Adverse slippage (price units, ≥ 0).</param>
    /// <param name="quoteToAccount">Account-currency value of one unit of quote currency.</param>
    /// <param name="chargeCommission">False to trade without commission.</param>
    public static (double Price, Costs Costs) Fill(TradableInstrument instrument, double units, double price, double halfSpread, double slippage,
        double quoteToAccount, bool chargeCommission)
    {
        price += units > 0 ? slippage : -slippage;
        double size = Math.Abs(units);
        var costs = new Costs(size * halfSpread * quoteToAccount,
            chargeCommission ? size / instrument.LotSize * instrument.CommissionPerLot + size * price * instrument.CommissionRate * quoteToAccount : 0,
            size * slippage * quoteToAccount, 0);
        return (price, costs);
    }
}
