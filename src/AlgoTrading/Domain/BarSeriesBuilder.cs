namespace AlgoTrading.Domain;

/// <summary>
/// Grows a <see cref="BarSeries"/> row by row into doubling arrays from <see cref="ColumnAllocator"/>
/// (amortised O(1), no per-row allocation). <see cref="Build"/> hands the arrays to the series without copying; the builder
/// must not be used afterwards.
/// </summary>
public sealed class BarSeriesBuilder
{
    private readonly BarKind _kind;
    private long[] _time;
    private int[] _lines;
    private double[] _o1, _h1, _l1, _c1; // bid or trade
    private double[] _o2, _h2, _l2, _c2; // ask, or volume in _o2
    private int _count;
    private bool _built;

    /// <summary>Starts an empty builder for <paramref name="kind"/> bars.</summary>
    public BarSeriesBuilder(BarKind kind, int capacity = 1024)
    {
        _kind = kind;
        capacity = Math.Max(capacity, 16);
        // Uninitialised: every slot below Count is written before it is read.
        _time = ColumnAllocator.Allocate<long>(capacity);
        _lines = ColumnAllocator.Allocate<int>(capacity);
        _o1 = Column(capacity); _h1 = Column(capacity); _l1 = Column(capacity); _c1 = Column(capacity);
        _o2 = Column(capacity);
        if (kind == BarKind.Quote) { _h2 = Column(capacity); _l2 = Column(capacity); _c2 = Column(capacity); }
        else { _h2 = _l2 = _c2 = []; }
    }

    private static double[] Column(int capacity) => ColumnAllocator.Allocate<double>(capacity);

    /// <summary>Rows added so far.</summary>
    public int Count => _count;

    /// <summary>Adds a quote bar; <paramref name="sourceLine"/> is its 1-based line in the source file (0 when none).</summary>
    public void AddQuote(long utcTicks, double bidOpen, double bidHigh, double bidLow, double bidClose,
        double askOpen, double askHigh, double askLow, double askClose, int sourceLine = 0)
    {
        if (_kind != BarKind.Quote) throw new InvalidOperationException("this builder makes trade bars");
        if (_count == _time.Length) Grow();
        int i = _count++;
        _time[i] = utcTicks; _lines[i] = sourceLine;
        _o1[i] = bidOpen; _h1[i] = bidHigh; _l1[i] = bidLow; _c1[i] = bidClose;
        _o2[i] = askOpen; _h2[i] = askHigh; _l2[i] = askLow; _c2[i] = askClose;
    }

    /// <summary>Adds a quote bar from a domain value.</summary>
    public void Add(in QuoteBar bar, int sourceLine = 0) =>
        AddQuote(bar.Time.Ticks, bar.Bid.Open, bar.Bid.High, bar.Bid.Low, bar.Bid.Close, bar.Ask.Open, bar.Ask.High, bar.Ask.Low, bar.Ask.Close, sourceLine);

    /// <summary>Adds a trade bar.</summary>
    public void AddTrade(long utcTicks, double open, double high, double low, double close, double volume, int sourceLine = 0)
    {
        if (_kind != BarKind.Trade) throw new InvalidOperationException("this builder makes quote bars");
        if (_count == _time.Length) Grow();
        int i = _count++;
        _time[i] = utcTicks; _lines[i] = sourceLine;
        _o1[i] = open; _h1[i] = high; _l1[i] = low; _c1[i] = close; _o2[i] = volume;
    }

    /// <summary>Adds a trade bar from a domain value.</summary>
    public void Add(in TradeBar bar, int sourceLine = 0) =>
        AddTrade(bar.Time.Ticks, bar.Price.Open, bar.Price.High, bar.Price.Low, bar.Price.Close, bar.Volume, sourceLine);

    /// <summary>Copies row <paramref name="index"/> of <paramref name="source"/> (same kind) to the end.</summary>
    public void AddFrom(BarSeries source, int index)
    {
        int line = source.SourceLines.IsEmpty ? 0 : source.SourceLines[index];
        long t = source.TimeTicks[index];
        if (source.Kind == BarKind.Quote)
        {
            var (b, a) = (source.Bid!, source.Ask!);
            AddQuote(t, b.Open[index], b.High[index], b.Low[index], b.Close[index], a.Open[index], a.High[index], a.Low[index], a.Close[index], line);
        }
        else
        {
            var p = source.Trade!;
            AddTrade(t, p.Open[index], p.High[index], p.Low[index], p.Close[index], source.Volume[index], line);
        }
    }

    /// <summary>Creates the series. Source lines are kept only when at least one row has one.</summary>
    public BarSeries Build(string instrument, BarPeriod period)
    {
        if (_built) throw new InvalidOperationException("Build was already called");
        _built = true;
        int n = _count;
        int[]? lines = _lines.AsSpan(0, n).IndexOfAnyExcept(0) >= 0 ? _lines : null;
        return _kind == BarKind.Quote
            ? new BarSeries(instrument, period, BarKind.Quote, _time, n,
                new OhlcColumns(_o1, _h1, _l1, _c1, n), new OhlcColumns(_o2, _h2, _l2, _c2, n), null, null, lines)
            : new BarSeries(instrument, period, BarKind.Trade, _time, n,
                null, null, new OhlcColumns(_o1, _h1, _l1, _c1, n), _o2, lines);
    }

    private void Grow()
    {
        int size = _time.Length * 2, n = _count;
        ColumnAllocator.Grow(ref _time, n, size);
        ColumnAllocator.Grow(ref _lines, n, size);
        ColumnAllocator.Grow(ref _o1, n, size); ColumnAllocator.Grow(ref _h1, n, size); ColumnAllocator.Grow(ref _l1, n, size); ColumnAllocator.Grow(ref _c1, n, size);
        ColumnAllocator.Grow(ref _o2, n, size);
        if (_kind == BarKind.Quote) { ColumnAllocator.Grow(ref _h2, n, size); ColumnAllocator.Grow(ref _l2, n, size); ColumnAllocator.Grow(ref _c2, n, size); }
    }
}
