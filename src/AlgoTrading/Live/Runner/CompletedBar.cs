using AlgoTrading.Domain;

namespace AlgoTrading.Live.Runner;

/// <summary>A bar the runner built and closed: the instrument's slot in the run and the bar (start time, bid and ask OHLC).</summary>
public readonly record struct CompletedBar(int Slot, QuoteBar Bar);

/// <summary>
/// What the runner does with the bars that closed at one time step (bar start <paramref name="time"/>,
/// UTC ticks): the trading core's step. Returns the equity after the step, in the account currency.
/// <paramref name="tradeable"/> is false while the market is closed: marks only, no new orders.
/// </summary>
public delegate double LiveStep(long time, ReadOnlySpan<CompletedBar> bars, bool tradeable);
