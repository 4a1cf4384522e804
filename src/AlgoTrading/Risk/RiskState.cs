namespace AlgoTrading.Risk;

/// <summary>
/// What the risk manager remembers between bars, exported so a live runner can persist it and
/// restore it after a restart (a tripped drawdown breaker must stay tripped). Amounts are in the
/// account currency; the day is the start (UTC ticks) of the trading day the state belongs to.
/// </summary>
/// <param name="DayStartUtcTicks">Start of the current trading day (long.MinValue before the first bar).</param>
/// <param name="DayStartEquity">Equity at that start (for the daily loss limit).</param>
/// <param name="PeakEquity">Highest equity seen (for the drawdown limit).</param>
/// <param name="DrawdownTripped">Whether the drawdown breaker has tripped (it stays tripped).</param>
public sealed record RiskState(long DayStartUtcTicks, double DayStartEquity, double PeakEquity, bool DrawdownTripped);
