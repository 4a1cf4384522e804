namespace AlgoTrading.Execution.Simulation;

/// <summary>
/// One bar as the fill rules see it: bid and ask OHLC. Single-price data is turned into one by
/// putting a modelled half-spread on either side (zero without costs), so every rule reads
/// "buy at the ask, sell at the bid" whatever the data.
/// </summary>
public readonly record struct QuoteBarView(double BidOpen, double BidHigh, double BidLow, double BidClose, double AskOpen, double AskHigh, double AskLow, double AskClose)
{
    /// <summary>Mid of the open.</summary>
    public double MidOpen => (BidOpen + AskOpen) / 2;
    /// <summary>Mid of the close.</summary>
    public double MidClose => (BidClose + AskClose) / 2;
}

/// <summary>
/// Where orders fill inside a bar. Every rule is a pure function of the order and the bar:
/// <list type="bullet">
/// <item>Market: at the open, buying at the ask and selling at the bid.</item>
/// <item>Limit: when the bar trades through the limit (buy: ask low ≤ limit; sell: bid high ≥ limit), at
/// the limit, or at the open when the bar opens beyond it (a gap gives the better open price).</item>
/// <item>Stop: when the bar trades through the stop (buy: ask high ≥ stop; sell: bid low ≤ stop), at the
/// stop, or at the open when the bar gaps past it (a gap gives the worse open price).</item>
/// </list>
/// Slippage is added on top by <see cref="CostModel"/>, always against the trader. This is the one place fill prices are decided, for the backtest engine and the simulated execution client alike.
/// </summary>
public static class FillRules
{
    /// <summary>Market order price.</summary>
    public static double Market(double units, in QuoteBarView bar) => Market(units, bar.BidOpen, bar.AskOpen);

    /// <summary>Market order price from the bar's opening quotes.</summary>
    public static double Market(double units, double bidOpen, double askOpen) => units > 0 ? askOpen : bidOpen;

    /// <summary>Limit order price, or NaN when the bar does not reach it.</summary>
    public static double Limit(double units, double limit, in QuoteBarView bar) => units > 0
        ? (bar.AskLow <= limit ? Math.Min(limit, bar.AskOpen) : double.NaN)
        : (bar.BidHigh >= limit ? Math.Max(limit, bar.BidOpen) : double.NaN);

    /// <summary>Stop order price, or NaN when the bar does not reach it.</summary>
    public static double Stop(double units, double stop, in QuoteBarView bar) => units > 0
        ? (bar.AskHigh >= stop ? Math.Max(stop, bar.AskOpen) : double.NaN)
        : (bar.BidLow <= stop ? Math.Min(stop, bar.BidOpen) : double.NaN);
}
