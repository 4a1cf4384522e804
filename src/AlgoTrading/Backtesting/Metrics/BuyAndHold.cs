using AlgoTrading.Domain;

namespace AlgoTrading.Backtesting.Metrics;

/// <summary>
/// The benchmark of a run: buy the traded instrument with all the initial cash (leverage 1) at the first
/// bar's open, paying the same costs the run pays (the ask of quote bars, or half the typical spread on a
/// single price when costs are on; fixed slippage in pips; commission per lot and per notional), then hold.
/// Equity is marked at each bar's close on the side the position would be sold at, like the run's.
/// Not modelled: financing, slippage in ATR, the exit's commission (the run's open positions are marked
/// without it too), and the account-currency value of a quote currency that is neither the account
/// currency nor the base currency (such P&amp;L is taken at par).
/// </summary>
public static class BuyAndHold
{
    /// <summary>Bar starts (UTC ticks) and buy-and-hold equity in the account currency.</summary>
    public static (long[] Time, double[] Equity) Curve(BarSeries bars, TradableInstrument instrument, BacktestOptions options)
    {
        int n = bars.Count;
        var time = bars.TimeTicks.ToArray();
        var equity = new double[n];
        if (n == 0) return (time, equity);
        bool bidAsk = options.UseBidAsk && bars.Kind == BarKind.Quote;
        var buy = bidAsk ? bars.Ask! : bars.Prices(options.Price);
        var sell = bidAsk ? bars.Bid! : buy;
        double halfSpread = !bidAsk && options.ApplyCosts ? instrument.TypicalSpreadPips * instrument.PipSize / 2 : 0;
        double slippage = options.SlippagePips * instrument.PipSize;
        double entry = buy.Open[0] + halfSpread + slippage;
        double cash = options.InitialCash;
        // The account currency as base (USD_JPY in USD): one unit is worth one account unit at entry.
        bool baseIsAccount = instrument.BaseCurrency == options.AccountCurrency && instrument.QuoteCurrency != options.AccountCurrency;
        double units = baseIsAccount ? cash : cash / entry;
        double commission = options.ApplyCosts
            ? units / instrument.LotSize * instrument.CommissionPerLot + instrument.CommissionRate * (baseIsAccount ? units : units * entry)
            : 0;
        var close = sell.Close;
        for (int i = 0; i < n; i++)
        {
            double mark = close[i] - halfSpread - slippage;
            double pnlQuote = units * (mark - entry);
            equity[i] = cash - commission + (baseIsAccount ? pnlQuote / mark : pnlQuote);
        }
        return (time, equity);
    }
}
