namespace AlgoTrading.Features.Sets;

/// <summary>
/// One closed bar as feature components see it. Prices are of the set's price source; bid and ask
/// closes are NaN for trade bars. <see cref="CloseTime"/> = start + period is when the bar's values
/// became known, used to align other instruments without look-ahead.
/// </summary>
public readonly record struct FeatureBar(long Time, long CloseTime, double Open, double High, double Low, double Close, double Volume, double BidClose, double AskClose);
