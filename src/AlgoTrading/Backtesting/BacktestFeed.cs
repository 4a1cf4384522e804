using AlgoTrading.Domain;
using AlgoTrading.Strategies;

namespace AlgoTrading.Backtesting;

/// <summary>
/// One instrument in a backtest: its bars, its contract facts and the strategy trading it (null for
/// an instrument that is only there to convert P&amp;L, such as GBP_USD for an EUR_GBP run).
/// </summary>
public sealed record BacktestFeed(TradableInstrument Instrument, BarSeries Bars, IStrategy? Strategy = null);
