namespace AlgoTrading.Domain;

/// <summary>
/// What a strategy, sizer or risk rule may know about the account: amounts in the account
/// currency as of the current bar's close. A snapshot, never the engine.
/// </summary>
/// <param name="Equity">Cash plus open positions marked at the prices they could be closed at.</param>
/// <param name="Cash">Realised cash balance.</param>
/// <param name="MarginUsed">Margin held by open positions.</param>
/// <param name="PeakEquity">Highest equity so far (for drawdown).</param>
/// <param name="DayStartEquity">Equity at the start of the current trading day (for the daily loss limit).</param>
/// <param name="OpenPositions">Instruments with a non-zero position.</param>
public readonly record struct PortfolioSnapshot(double Equity, double Cash, double MarginUsed, double PeakEquity, double DayStartEquity, int OpenPositions);

/// <summary>
/// The strategy's position in one instrument: signed units, average entry price (quote currency; 0
/// when flat), bars held, its working order not yet filled: signed units (0 when none) and limit or
/// stop price (NaN for a market order or none), so a strategy can see, keep or withdraw it; and the
/// price of the stop-loss attached to the position (NaN when none), so it can move it.
/// </summary>
public readonly record struct PositionSnapshot(double Units, double AveragePrice, int BarsHeld, double WorkingUnits = 0, double WorkingPrice = double.NaN,
    double StopLoss = double.NaN);

/// <summary>
/// Facts about the instrument a sizer needs: the pip size (price units), the rate that converts
/// one unit of quote currency to the account currency at this bar, and the smallest tradable size.
/// </summary>
public readonly record struct InstrumentContext(string Symbol, double PipSize, double QuoteToAccount, double MinimumTradeSize);
