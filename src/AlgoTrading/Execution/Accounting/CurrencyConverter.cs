namespace AlgoTrading.Execution.Accounting;

/// <summary>
/// Converts amounts in a quote currency to the account currency at the latest price seen of the
/// right pair: GBP to USD through GBP_USD (multiply by its mid) or USD_GBP (divide). JPY P&amp;L of
/// USD_JPY in a USD account is divided by USD_JPY itself. Prices are updated by the engine as bars
/// open and close, so a conversion uses only what was known at that moment.
/// </summary>
internal sealed class CurrencyConverter
{
    private readonly string _account;
    private readonly Dictionary<string, int> _index = [];
    private readonly List<(string Base, string Quote)> _pairs = [];
    private double[] _mid = [];
    private readonly Dictionary<string, (int Pair, bool Divide)> _routes = [];

    /// <summary>Creates a converter into <paramref name="accountCurrency"/>.</summary>
    public CurrencyConverter(string accountCurrency) => _account = accountCurrency;

    /// <summary>Registers an instrument whose prices can convert; returns its slot for <see cref="Update"/>.</summary>
    public int Register(string symbol, string baseCurrency, string quoteCurrency)
    {
        if (_index.TryGetValue(symbol, out var existing)) return existing;
        _index[symbol] = _pairs.Count;
        _pairs.Add((baseCurrency, quoteCurrency));
        Array.Resize(ref _mid, _pairs.Count);
        _mid[^1] = double.NaN;
        return _pairs.Count - 1;
    }

    /// <summary>Checks a route exists for <paramref name="currency"/>; the message says which pair to add.</summary>
    /// <exception cref="InvalidOperationException">No registered pair links it to the account currency.</exception>
    public void Require(string currency, string forInstrument)
    {
        if (currency == _account || _routes.ContainsKey(currency)) return;
        for (int i = 0; i < _pairs.Count; i++)
        {
            if (_pairs[i].Base == currency && _pairs[i].Quote == _account) { _routes[currency] = (i, false); return; }
            if (_pairs[i].Base == _account && _pairs[i].Quote == currency) { _routes[currency] = (i, true); return; }
        }
        throw new InvalidOperationException($"{forInstrument} settles in {currency}; add {currency}_{_account} or {_account}_{currency} bars so P&L can be converted to {_account}");
    }

    /// <summary>
    /// A precomputed route for <paramref name="currency"/> (after <see cref="Require"/>), so hot loops
    /// convert with an array read instead of a lookup: slot −1 means the account currency itself.
    /// </summary>
    public (int Slot, bool Divide) Route(string currency) => currency == _account ? (-1, false) : _routes[currency];

    /// <summary>The rate along a route from <see cref="Route"/>.</summary>
    public double Rate((int Slot, bool Divide) route)
    {
        if (route.Slot < 0) return 1;
        double mid = _mid[route.Slot];
        if (double.IsNaN(mid)) throw new InvalidOperationException($"no {_pairs[route.Slot].Base}_{_pairs[route.Slot].Quote} price is known yet for a conversion");
        return route.Divide ? 1 / mid : mid;
    }

    /// <summary>Records the latest mid of slot <paramref name="slot"/>.</summary>
    public void Update(int slot, double mid) => _mid[slot] = mid;

    /// <summary>How many account-currency units one unit of <paramref name="currency"/> is worth now.</summary>
    public double Rate(string currency)
    {
        if (currency == _account) return 1;
        var (pair, divide) = _routes[currency];
        double mid = _mid[pair];
        if (double.IsNaN(mid)) throw new InvalidOperationException($"no {_pairs[pair].Base}_{_pairs[pair].Quote} price is known yet to convert {currency}");
        return divide ? 1 / mid : mid;
    }
}
