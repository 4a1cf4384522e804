using AlgoTrading.Domain;
using AlgoTrading.Execution;
using AlgoTrading.Execution.Accounting;

namespace AlgoTrading.Live.Runner;

/// <summary>
/// The quote-to-account rate the trading core books each instrument's fills at, kept beside the core (which
/// keeps its own privately) with the same converter and the same updates: opening mids before a step's
/// fills, closing mids after its marks. Journaled with every fill, so a restart rebuilds the portfolio at the
/// rates the fills were booked at (USD_JPY on a USD account: 1/USD_JPY, not 1).
/// </summary>
/// <remarks>A stop-out inside a step is booked by the core at the closing rate while this still holds the opening one (a rare, small difference).</remarks>
internal sealed class FillRates
{
    private readonly CurrencyConverter _converter;
    private readonly (int Slot, bool Divide)[] _routes;
    private readonly double[] _rates;
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);

    /// <summary>Rates of <paramref name="instruments"/> (slot order) into <paramref name="accountCurrency"/>; untraded slots (null strategy) only convert.</summary>
    public FillRates(IReadOnlyList<TradableInstrument> instruments, IReadOnlyList<bool> traded, string accountCurrency)
    {
        _converter = new CurrencyConverter(accountCurrency);
        foreach (var i in instruments) _slots[i.Symbol] = _converter.Register(i.Symbol, i.BaseCurrency, i.QuoteCurrency);
        _routes = new (int, bool)[instruments.Count];
        _rates = new double[instruments.Count];
        Array.Fill(_rates, 1);
        for (int i = 0; i < _routes.Length; i++)
        {
            if (!traded[i]) { _routes[i] = (-1, false); continue; }
            _converter.Require(instruments[i].QuoteCurrency, instruments[i].Symbol);
            _routes[i] = _converter.Route(instruments[i].QuoteCurrency);
        }
    }

    /// <summary>The rate a fill of <paramref name="instrument"/> is booked at now (1 for an instrument not in the run).</summary>
    public double Of(string instrument) => _slots.TryGetValue(instrument, out int slot) ? _rates[slot] : 1;

    /// <summary>The bars' opening mids (<paramref name="open"/>) or closing mids are now known.</summary>
    public void Update(ReadOnlySpan<SlotBar> bars, bool open)
    {
        foreach (var b in bars) _converter.Update(b.Slot, open ? b.Bar.MidOpen : (b.Bar.BidClose + b.Bar.AskClose) / 2);
        for (int i = 0; i < _routes.Length; i++)
        {
            if (_routes[i].Slot < 0) continue;
            try { _rates[i] = _converter.Rate(_routes[i]); }
            catch (InvalidOperationException) { } // no price of the converting pair yet: the core keeps its last rate too
        }
    }
}
