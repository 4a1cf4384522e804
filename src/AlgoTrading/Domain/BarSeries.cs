namespace AlgoTrading.Domain;

/// <summary>
/// An immutable, columnar series of bars for one instrument (struct of arrays).
/// <para>Conventions: timestamps are UTC bar-start times, strictly increasing once validated;
/// prices are doubles in the instrument's quote currency; a quote series has bid and ask sides, a
/// trade series one trade side and a volume. Hot paths read the spans; the row accessors
/// (<see cref="QuoteAt"/>, <see cref="TradeAt"/>) are for tests and tools.</para>
/// </summary>
public sealed class BarSeries : IMarketSeries
{
    private readonly long[] _time;
    private readonly int[]? _lines;
    private readonly double[]? _volume;
    private OhlcColumns? _mid;
    // The mid columns one by one, each computed when first asked: a backtest of a close-only strategy needs one.
    private double[]? _midOpen, _midHigh, _midLow, _midClose;

    /// <summary>Builds a series over existing arrays; use <see cref="BarSeriesBuilder"/> to grow one row by row.</summary>
    public BarSeries(string instrument, BarPeriod period, BarKind kind, long[] timeTicks, int count,
        OhlcColumns? bid, OhlcColumns? ask, OhlcColumns? trade, double[]? volume, int[]? sourceLines = null)
    {
        if (count < 0 || count > timeTicks.Length) throw new ArgumentOutOfRangeException(nameof(count));
        if (kind == BarKind.Quote && (bid is null || ask is null || bid.Count != count || ask.Count != count))
            throw new ArgumentException("a quote series needs bid and ask columns of the series' length");
        if (kind == BarKind.Trade && (trade is null || trade.Count != count || volume is null || volume.Length < count))
            throw new ArgumentException("a trade series needs trade columns and a volume of the series' length");
        if (sourceLines is not null && sourceLines.Length < count) throw new ArgumentException("too few source lines", nameof(sourceLines));
        Instrument = instrument;
        Period = period;
        Kind = kind;
        Count = count;
        _time = timeTicks;
        Bid = bid;
        Ask = ask;
        Trade = trade;
        _volume = volume;
        _lines = sourceLines;
    }

    /// <inheritdoc />
    public string Instrument { get; }
    /// <inheritdoc />
    public BarPeriod Period { get; }
    /// <summary>Quote or trade bars.</summary>
    public BarKind Kind { get; }
    /// <inheritdoc />
    public int Count { get; }
    /// <inheritdoc />
    public ReadOnlySpan<long> TimeTicks => _time.AsSpan(0, Count);
    /// <inheritdoc />
    public ReadOnlySpan<int> SourceLines => _lines is null ? default : _lines.AsSpan(0, Count);
    /// <summary>Bid side (quote bars only).</summary>
    public OhlcColumns? Bid { get; }
    /// <summary>Ask side (quote bars only).</summary>
    public OhlcColumns? Ask { get; }
    /// <summary>Traded prices (trade bars only).</summary>
    public OhlcColumns? Trade { get; }
    /// <summary>Traded volume (trade bars); empty for quote bars, whose sources report no volume.</summary>
    public ReadOnlySpan<double> Volume => _volume is null ? default : _volume.AsSpan(0, Count);

    // Backing arrays for engines that hold them for a run (read-only by contract; may be longer than Count).
    internal long[] TimeArray => _time;
    internal double[]? VolumeArray => _volume;

    /// <summary>Bar start of row <paramref name="index"/> as a UTC <see cref="DateTime"/>.</summary>
    public DateTime TimeAt(int index) => new(TimeTicks[index], DateTimeKind.Utc);

    /// <summary>
    /// The price columns for <paramref name="source"/>. Mid is computed once and cached; asking a
    /// trade series for bid/ask (or a quote series for trade) is an error, not a silent substitute.
    /// </summary>
    public OhlcColumns Prices(PriceSource source) => (source, Kind) switch
    {
        (PriceSource.Bid, BarKind.Quote) => Bid!,
        (PriceSource.Ask, BarKind.Quote) => Ask!,
        (PriceSource.Mid, BarKind.Quote) => _mid ??= new OhlcColumns(MidOpenArray, MidHighArray, MidLowArray, MidCloseArray, Count),
        (PriceSource.Trade, BarKind.Trade) => Trade!,
        (PriceSource.Mid, BarKind.Trade) => Trade!,
        _ => throw new InvalidOperationException($"{Instrument} holds {Kind.ToString().ToLowerInvariant()} bars and has no {source.ToString().ToLowerInvariant()} price; use {(Kind == BarKind.Quote ? "bid, ask or mid" : "trade")}."),
    };

    // The mid columns of a quote series, each computed once (the arrays Prices(PriceSource.Mid) holds), for
    // engines that read only some fields. Read-only by contract.
    internal double[] MidOpenArray => _midOpen ??= OhlcColumns.MidColumn(QuoteSide().Open, Ask!.Open);
    internal double[] MidHighArray => _midHigh ??= OhlcColumns.MidColumn(QuoteSide().High, Ask!.High);
    internal double[] MidLowArray => _midLow ??= OhlcColumns.MidColumn(QuoteSide().Low, Ask!.Low);
    internal double[] MidCloseArray => _midClose ??= OhlcColumns.MidColumn(QuoteSide().Close, Ask!.Close);

    private OhlcColumns QuoteSide() => Bid ?? throw new InvalidOperationException($"{Instrument} holds trade bars: no mid of a bid and an ask");

    /// <summary>Row <paramref name="index"/> of a quote series.</summary>
    public QuoteBar QuoteAt(int index) => Kind == BarKind.Quote
        ? new QuoteBar(TimeAt(index), Bid![index], Ask![index])
        : throw new InvalidOperationException("not a quote series");

    /// <summary>Row <paramref name="index"/> of a trade series.</summary>
    public TradeBar TradeAt(int index) => Kind == BarKind.Trade
        ? new TradeBar(TimeAt(index), Trade![index], _volume![index])
        : throw new InvalidOperationException("not a trade series");

    /// <summary>A copy with a different instrument name or period label (the columns are shared).</summary>
    public BarSeries With(string? instrument = null, BarPeriod? period = null) =>
        new(instrument ?? Instrument, period ?? Period, Kind, _time, Count, Bid, Ask, Trade, _volume, _lines);
}
