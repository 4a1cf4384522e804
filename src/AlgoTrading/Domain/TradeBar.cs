namespace AlgoTrading.Domain;

/// <summary>
/// A bar of traded prices. <see cref="Time"/> is the bar's start in UTC; <see cref="Volume"/> is in
/// units traded (shares, contracts) as the source reports it.
/// </summary>
public readonly record struct TradeBar(DateTime Time, Ohlc Price, double Volume);
