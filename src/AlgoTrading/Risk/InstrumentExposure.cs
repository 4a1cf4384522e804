namespace AlgoTrading.Risk;

/// <summary>
/// What one instrument (as traded by one strategy) holds now, as the caller sees it: signed filled units,
/// signed working units (orders sent but not yet filled; 0 when none), the mid price in the quote
/// currency, the rate that converts one unit of the quote currency to the account currency, and the
/// margin rate (fraction of notional). Base units are what the position is counted in (EUR for EUR_USD).
/// </summary>
/// <param name="Symbol">Instrument, e.g. <c>EUR_GBP</c>.</param>
/// <param name="Strategy">The strategy trading it (null when not known or not traded).</param>
/// <param name="BaseCurrency">Base currency or index underlying (<c>EUR</c>, <c>SPX500</c>).</param>
/// <param name="QuoteCurrency">Currency of its prices (<c>GBP</c>).</param>
/// <param name="FilledUnits">Signed position in base units.</param>
/// <param name="WorkingUnits">Signed units of its working order, not yet filled.</param>
/// <param name="Price">Mid price, quote currency per base unit.</param>
/// <param name="QuoteToAccount">Account-currency units per quote-currency unit now.</param>
/// <param name="MarginRate">Margin as a fraction of notional.</param>
public readonly record struct InstrumentExposure(string Symbol, string? Strategy, string BaseCurrency, string QuoteCurrency,
    double FilledUnits, double WorkingUnits, double Price, double QuoteToAccount, double MarginRate)
{
    /// <summary>Signed units once the working order fills: what signed limits (currency, net leverage) count.</summary>
    public double PendingUnits => FilledUnits + WorkingUnits;

    /// <summary>Absolute units at the worse of now and once the working order fills: what gross limits count.</summary>
    public double GrossUnits => Math.Max(Math.Abs(FilledUnits), Math.Abs(FilledUnits + WorkingUnits));

    /// <summary>Account-currency value of one base unit (price times the quote-to-account rate).</summary>
    public double UnitValue => Price * QuoteToAccount;

    /// <summary>
    /// Signed exposure to <paramref name="currency"/> once the working order fills, in the account currency:
    /// +units·price·rate for the base currency, −units·price·rate for the quote currency, 0 for any other
    /// (so EUR_USD long and EUR_GBP long both add EUR). The one formula the currency cap and the live metrics use.
    /// </summary>
    public double ExposureTo(string currency) =>
        ((BaseCurrency == currency ? 1 : 0) - (QuoteCurrency == currency ? 1 : 0)) * PendingUnits * UnitValue;
}
