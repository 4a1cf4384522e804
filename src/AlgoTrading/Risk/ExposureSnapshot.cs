namespace AlgoTrading.Risk;

/// <summary>
/// The account's exposure, instrument by instrument, filled by the caller (the trading core in a
/// backtest, the live runner from its portfolio and working orders) before it asks the risk chain; the
/// chain computes per-currency exposure, leverage and margin from it without touching the portfolio.
/// A reusable buffer: <see cref="Clear"/> and <see cref="Add"/> each step allocate nothing once it has grown.
/// </summary>
public sealed class ExposureSnapshot
{
    private InstrumentExposure[] _items;

    /// <summary>An empty snapshot for an account in <paramref name="accountCurrency"/> (e.g. <c>USD</c>).</summary>
    public ExposureSnapshot(string accountCurrency, int capacity = 8)
    {
        AccountCurrency = accountCurrency;
        _items = new InstrumentExposure[Math.Max(1, capacity)];
    }

    /// <summary>The account currency: exposure to it carries no currency risk and is never capped.</summary>
    public string AccountCurrency { get; }
    /// <summary>Entries held.</summary>
    public int Count { get; private set; }
    /// <summary>The entries.</summary>
    public ReadOnlySpan<InstrumentExposure> Items => _items.AsSpan(0, Count);

    /// <summary>Forgets every entry (keeps the buffer).</summary>
    public void Clear() => Count = 0;

    /// <summary>Net signed exposure of every entry to <paramref name="currency"/>, account currency (see <see cref="InstrumentExposure.ExposureTo"/>).</summary>
    public double ExposureTo(string currency)
    {
        double sum = 0;
        foreach (ref readonly var e in Items) sum += e.ExposureTo(currency);
        return sum;
    }

    /// <summary>Adds one instrument's exposure (every traded instrument, the one under review included).</summary>
    public void Add(in InstrumentExposure exposure)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = exposure;
    }
}
