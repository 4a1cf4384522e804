namespace AlgoTrading.Domain;

/// <summary>
/// An immutable, columnar series of top-of-book quotes. Timestamps are UTC <see cref="DateTime.Ticks"/>;
/// real feeds repeat timestamps (several quotes in one millisecond), so equal neighbours are legal
/// here and only a validator decides what to do with them.
/// </summary>
public sealed class TickSeries : IMarketSeries
{
    private readonly long[] _time;
    private readonly double[] _bid, _ask;
    private readonly int[]? _lines;

    /// <summary>Wraps arrays whose first <paramref name="count"/> items are valid (no copy).</summary>
    public TickSeries(string instrument, long[] timeTicks, double[] bid, double[] ask, int count, int[]? sourceLines = null)
    {
        if (count < 0 || count > timeTicks.Length || count > bid.Length || count > ask.Length || (sourceLines is not null && count > sourceLines.Length))
            throw new ArgumentOutOfRangeException(nameof(count));
        (Instrument, _time, _bid, _ask, Count, _lines) = (instrument, timeTicks, bid, ask, count, sourceLines);
    }

    /// <inheritdoc />
    public string Instrument { get; }
    /// <inheritdoc />
    public BarPeriod Period => BarPeriod.Tick;
    /// <inheritdoc />
    public int Count { get; }
    /// <inheritdoc />
    public ReadOnlySpan<long> TimeTicks => _time.AsSpan(0, Count);
    /// <inheritdoc />
    public ReadOnlySpan<int> SourceLines => _lines is null ? default : _lines.AsSpan(0, Count);
    /// <summary>Bid prices.</summary>
    public ReadOnlySpan<double> Bid => _bid.AsSpan(0, Count);
    /// <summary>Ask prices.</summary>
    public ReadOnlySpan<double> Ask => _ask.AsSpan(0, Count);

    /// <summary>Row <paramref name="index"/>.</summary>
    public Tick this[int index] => new(new DateTime(TimeTicks[index], DateTimeKind.Utc), Bid[index], Ask[index]);
}
