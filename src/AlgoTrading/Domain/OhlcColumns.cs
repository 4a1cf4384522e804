namespace AlgoTrading.Domain;

/// <summary>
/// Column storage for one price side (bid, ask, mid or trade) of a <see cref="BarSeries"/>:
/// four parallel arrays read as spans so that indicator and backtest loops run without allocating.
/// </summary>
public sealed class OhlcColumns
{
    private readonly double[] _open, _high, _low, _close;
    private readonly int _count;

    /// <summary>Wraps four arrays whose first <paramref name="count"/> items are valid (no copy).</summary>
    public OhlcColumns(double[] open, double[] high, double[] low, double[] close, int count)
    {
        if (count < 0 || count > open.Length || count > high.Length || count > low.Length || count > close.Length)
            throw new ArgumentOutOfRangeException(nameof(count), count, "count exceeds one of the column arrays");
        (_open, _high, _low, _close, _count) = (open, high, low, close, count);
    }

    /// <summary>Number of bars.</summary>
    public int Count => _count;
    /// <summary>Opening prices.</summary>
    public ReadOnlySpan<double> Open => _open.AsSpan(0, _count);
    /// <summary>Highest prices.</summary>
    public ReadOnlySpan<double> High => _high.AsSpan(0, _count);
    /// <summary>Lowest prices.</summary>
    public ReadOnlySpan<double> Low => _low.AsSpan(0, _count);
    /// <summary>Closing prices.</summary>
    public ReadOnlySpan<double> Close => _close.AsSpan(0, _count);

    // The backing arrays, for engines that keep them for the length of a run (read-only by contract).
    internal double[] OpenArray => _open;
    internal double[] HighArray => _high;
    internal double[] LowArray => _low;
    internal double[] CloseArray => _close;

    /// <summary>The OHLC of bar <paramref name="index"/>.</summary>
    public Ohlc this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
            return new Ohlc(_open[index], _high[index], _low[index], _close[index]);
        }
    }

    /// <summary>
    /// One column of mids (<see cref="Mid"/>) of a bid and an ask column of equal length, in a new array: for a
    /// caller that reads one field, so the other three are neither computed nor mapped (8 MB each per million bars).
    /// </summary>
    internal static double[] MidColumn(ReadOnlySpan<double> bid, ReadOnlySpan<double> ask)
    {
        if (bid.Length != ask.Length) throw new ArgumentException("sides differ in length");
        var result = ColumnAllocator.Allocate<double>(bid.Length); // uninitialised: every element is written below
        for (int i = 0; i < result.Length; i++) result[i] = Mid(bid[i], ask[i]);
        return result;
    }

    /// <summary>
    /// The midpoint of a bid and an ask (or of one price with itself, which is that price exactly): for prices
    /// on a decimal grid the double nearest to the exact decimal midpoint (see <see cref="DecimalGrid.Mid"/>),
    /// so mids that are equal as decimals are equal as doubles.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Mid(double bid, double ask) => DecimalGrid.Mid(bid, ask);
}
