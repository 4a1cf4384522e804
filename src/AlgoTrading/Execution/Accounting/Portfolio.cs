using AlgoTrading.Domain;

namespace AlgoTrading.Execution.Accounting;

/// <summary>
/// The account: cash and one netted position per instrument, built from fills. A position is a
/// queue of lots in fill order; a fill against the position closes the oldest lots first (FIFO),
/// each closed part becoming a <see cref="TradeRecord"/>, and what is left of the fill opens the
/// other way (a reversal). Amounts are in the account currency: realised P&amp;L is converted at the
/// rate given with the closing fill, unrealised P&amp;L and margin at the rate given with the latest
/// mark. The backtest engine and the live runner keep their account here, through the trading core. Commission is paid in cash when filled; spread and slippage are inside the fill prices;
/// financing is paid or earned in cash. Costs are kept on the lots and passed on pro rata to the
/// trades that close them.
/// </summary>
public sealed class Portfolio
{
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);
    private Book[] _slots = []; // the books in registration order: equity adds them up in this order (an array: read on every bar)
    private readonly TradeLog _trades = new();

    /// <summary>One instrument's side of the account. The trading core holds its slots' books and reads them on every bar without an index lookup.</summary>
    internal sealed class Book(TradableInstrument instrument)
    {
        public readonly TradableInstrument Instrument = instrument;
        public readonly double MarginRate = instrument.MarginRate; // read on every bar: kept here rather than behind Instrument
        // Open lots, oldest first from Head: FIFO closes advance Head rather than shifting the list.
        public readonly List<Lot> Lots = [];
        public int Head;
        public int OpenLots => Lots.Count - Head;
        // Average price of the open lots, kept as lots come and go rather than summed on every mark.
        public double Units, AveragePrice = double.NaN, Mark = double.NaN, Rate = 1;
    }

    internal struct Lot(double units, double price, long time, string reason, Costs costs)
    {
        public double Units = units;
        public readonly double Price = price;
        public readonly long Time = time;
        public readonly string Reason = reason;
        public Costs Costs = costs;
    }

    /// <summary>An account holding <paramref name="initialCash"/> in <paramref name="accountCurrency"/>.</summary>
    public Portfolio(string accountCurrency, double initialCash)
    {
        if (!double.IsFinite(initialCash) || initialCash <= 0) throw new ArgumentOutOfRangeException(nameof(initialCash), initialCash, "initial cash must be a positive finite amount");
        (AccountCurrency, InitialCash, Cash) = (accountCurrency, initialCash, initialCash);
    }

    /// <summary>ISO code of the account currency.</summary>
    public string AccountCurrency { get; }
    /// <summary>Cash at the start.</summary>
    public double InitialCash { get; }
    /// <summary>Cash now: initial cash plus realised P&amp;L, minus commission, plus financing.</summary>
    public double Cash { get; private set; }
    /// <summary>Commission paid so far.</summary>
    public double Commission { get; private set; }
    /// <summary>Financing earned so far (negative when paid).</summary>
    public double Financing { get; private set; }
    /// <summary>Realised price P&amp;L so far (before commission and financing).</summary>
    public double RealisedPnl { get; private set; }
    /// <summary>Closed trades in the order they closed.</summary>
    public IReadOnlyList<TradeRecord> Trades => _trades;

    /// <summary>Registers <paramref name="instrument"/> and returns its slot (registration order), the index the trading core uses on every bar.</summary>
    internal int Register(TradableInstrument instrument)
    {
        var book = BookOf(instrument);
        return Array.IndexOf(_slots, book);
    }

    /// <summary>Signed units held of <paramref name="instrument"/> (0 when flat or unknown).</summary>
    public double UnitsOf(string instrument) => _books.TryGetValue(instrument, out var b) ? b.Units : 0;

    /// <summary>The book of slot <paramref name="slot"/> (registration order).</summary>
    internal Book BookAt(int slot) => _slots[slot];

    /// <summary>Average entry price of the open lots of <paramref name="instrument"/> (NaN when flat).</summary>
    public double AveragePriceOf(string instrument) => _books.TryGetValue(instrument, out var b) && b.Units != 0 ? b.AveragePrice : double.NaN;


    /// <summary>Applies <paramref name="fill"/> of <paramref name="instrument"/>; <paramref name="quoteToAccount"/> converts its P&amp;L.</summary>
    public void Apply(in Fill fill, TradableInstrument instrument, double quoteToAccount)
    {
        if (fill.Instrument != instrument.Symbol) throw new ArgumentException($"fill of order {fill.OrderId} is for {fill.Instrument}, not {instrument.Symbol}");
        Apply(fill, BookOf(instrument), quoteToAccount);
    }

    /// <summary>Applies <paramref name="fill"/> to <paramref name="book"/> (one of this portfolio's, see <see cref="BookAt"/>).</summary>
    internal void Apply(in Fill fill, Book book, double quoteToAccount)
    {
        var instrument = book.Instrument;
        if (!ReferenceEquals(fill.Instrument, instrument.Symbol) && fill.Instrument != instrument.Symbol) // the core's own strings: no compare
            throw new ArgumentException($"fill of order {fill.OrderId} is for {fill.Instrument}, not {instrument.Symbol}");
        if (fill.Units == 0 || !double.IsFinite(fill.Units) || !double.IsFinite(fill.Price))
            throw new ArgumentException($"fill of order {fill.OrderId} ({fill.Instrument}): units {fill.Units} at {fill.Price} is not a fill");
        Cash -= fill.Costs.Commission;
        Commission += fill.Costs.Commission;
        double remaining = fill.Units, size = Math.Abs(fill.Units), closed = 0;
        var lots = book.Lots;
        // Signs compared rather than Math.Sign, which checks for NaN (the fill was checked above) and is not inlined; open lots are never 0.
        while (remaining != 0 && book.OpenLots > 0 && (lots[book.Head].Units > 0) != (remaining > 0))
        {
            ref var lot = ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lots)[book.Head];
            double amount = Math.Min(Math.Abs(remaining), Math.Abs(lot.Units)), closing = remaining > 0 ? amount : -amount; // signed like the fill
            double lotShare = Math.Abs(closing) / Math.Abs(lot.Units), fillShare = Math.Abs(closing) / size;
            double gross = (fill.Price - lot.Price) * -closing * quoteToAccount;
            Cash += gross;
            RealisedPnl += gross;
            _trades.Add(instrument.Symbol, lot.Time, lot.Price, fill.TimeUtcTicks, fill.Price, -closing, gross, lot.Costs.Scale(lotShare) + fill.Costs.Scale(fillShare),
                lot.Reason, fill.Reason);
            lot.Costs = lot.Costs.Scale(1 - lotShare);
            lot.Units += closing;
            book.Units += closing;
            remaining -= closing;
            closed += Math.Abs(closing);
            if (lot.Units == 0) book.Head++;
        }
        if (book.Head == lots.Count || book.Head > 64 && book.Head > lots.Count / 2) { lots.RemoveRange(0, book.Head); book.Head = 0; } // closed lots go
        if (closed > 0) book.AveragePrice = book.Units == 0 ? double.NaN : book.OpenLots == 1 ? lots[book.Head].Price : LotAverage(book);
        if (remaining == 0) return;
        var costs = closed > 0 ? fill.Costs.Scale(1 - closed / size) : fill.Costs; // what opens carries the rest of the fill's costs
        book.AveragePrice = book.Units == 0 ? fill.Price : (book.AveragePrice * book.Units + fill.Price * remaining) / (book.Units + remaining);
        lots.Add(new Lot(remaining, fill.Price, fill.TimeUtcTicks, fill.Reason, costs));
        book.Units += remaining;
    }

    private static double LotAverage(Book b)
    {
        double sum = 0;
        for (int i = b.Head; i < b.Lots.Count; i++) sum += b.Lots[i].Units * b.Lots[i].Price;
        return sum / b.Units;
    }

    /// <summary>Credits (positive) or charges (negative) overnight financing of <paramref name="instrument"/>, in the account currency.</summary>
    public void ApplyFinancing(string instrument, double amount)
    {
        Cash += amount;
        Financing += amount;
        if (!_books.TryGetValue(instrument, out var b) || b.Units == 0) return;
        // Spread over the open lots by size, as a cost (negative when earned).
        var lots = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(b.Lots);
        for (int i = b.Head; i < lots.Length; i++) lots[i].Costs += new Costs(0, 0, 0, -amount * (lots[i].Units / b.Units));
    }

    /// <summary>Marks <paramref name="instrument"/> at the prices it could be closed at: longs at <paramref name="bid"/>, shorts at <paramref name="ask"/>.</summary>
    public void Mark(TradableInstrument instrument, double bid, double ask, double quoteToAccount) => Mark(BookOf(instrument), bid, ask, quoteToAccount);

    /// <summary>Marks <paramref name="book"/> (see <see cref="Mark(TradableInstrument, double, double, double)"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static void Mark(Book book, double bid, double ask, double quoteToAccount) => (book.Mark, book.Rate) = (book.Units > 0 ? bid : ask, quoteToAccount);

    /// <summary>P&amp;L of the open positions at the latest marks (positions never marked count 0).</summary>
    public double UnrealisedPnl => Equity - Cash;

    /// <summary>Cash plus the open positions at their latest marks: (mark − average price) × units, converted, added in registration order.</summary>
    public double Equity => Totals().Equity;

    /// <summary>Margin held by open positions at the latest marks: |units| × mark × margin rate, converted.</summary>
    public double MarginUsed => Totals().MarginUsed;

    /// <summary>Instruments with an open, marked position.</summary>
    public int OpenPositionCount => Totals().OpenPositions;

    /// <summary>Equity, margin used and open positions in one pass over the books: what the trading core reads on every bar.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal (double Equity, double MarginUsed, int OpenPositions) Totals()
    {
        double equity = Cash, margin = 0;
        int open = 0;
        foreach (var b in _slots)
        {
            if (b.Units == 0 || double.IsNaN(b.Mark)) continue;
            open++;
            equity += (b.Mark - b.AveragePrice) * b.Units * b.Rate;
            margin += Math.Abs(b.Units) * b.Mark * b.MarginRate * b.Rate;
        }
        return (equity, margin, open);
    }

    /// <summary>True when margin is in use and equity has fallen below <paramref name="level"/> × margin: every position must be closed.</summary>
    public bool IsBelowStopOut(double level) => MarginUsed is var m && m > 0 && Equity < m * level;

    /// <summary>Open positions (signed units) by instrument.</summary>
    public IReadOnlyDictionary<string, double> Positions => _books.Where(b => b.Value.Units != 0).ToDictionary(b => b.Key, b => b.Value.Units);

    private Book BookOf(TradableInstrument instrument)
    {
        if (!_books.TryGetValue(instrument.Symbol, out var book))
        {
            _books[instrument.Symbol] = book = new Book(instrument);
            _slots = [.. _slots, book];
        }
        return book;
    }
}
