using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data.Processors;

/// <summary>
/// Builds bid/ask bars from quotes one at a time, from the quotes' own timestamps: the one
/// implementation of tick-to-bar aggregation, used by <see cref="Resampler.FromTicks"/> on a whole
/// series and by a live runner on a price stream, so a replay at any speed gives the same bars as
/// research. Open = first quote of the bar, high = max, low = min, close = last, each side on its
/// own; a bar is labelled by its period start (<see cref="BarAligner"/>); a slot without quotes makes
/// no bar. Quotes must come in time order.
/// </summary>
/// <remarks>
/// A bar is complete when a quote of a later bar arrives, or when the clock passes its end
/// (<see cref="Advance"/>, e.g. on a stream heartbeat), whichever is first: only then is it handed out.
/// Not thread-safe; allocates nothing per quote.
/// </remarks>
public sealed class QuoteBarAggregator
{
    private readonly BarAligner _aligner;
    private readonly bool _fixedLength;
    private long _start = long.MinValue, _next = long.MinValue, _last = long.MinValue;
    private double _ob, _hb, _lb, _cb, _oa, _ha, _la, _ca;

    /// <summary>An aggregator of <paramref name="period"/> bars in <paramref name="session"/>'s trading day.</summary>
    public QuoteBarAggregator(BarPeriod period, TradingSession session)
    {
        _aligner = new BarAligner(period, session);
        // For periods that divide an hour the next boundary is start + length; otherwise every
        // instant is aligned to learn whether it still belongs to the open bar.
        _fixedLength = period.IsIntraday && TimeSpan.TicksPerHour % period.Duration.Ticks == 0;
        Period = period;
    }

    /// <summary>The bar period.</summary>
    public BarPeriod Period { get; }

    /// <summary>Whether a bar is being built.</summary>
    public bool HasOpenBar => _start != long.MinValue;

    /// <summary>
    /// Adds a quote at UTC <paramref name="utcTicks"/>. Returns true when it starts a new bar and
    /// thereby completes the previous one, which is then in <paramref name="completed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The quote is older than the previous one.</exception>
    public bool Add(long utcTicks, double bid, double ask, out QuoteBar completed)
    {
        if (utcTicks < _last) throw new ArgumentException($"quote at {new DateTime(utcTicks, DateTimeKind.Utc):O} is older than the previous one at {new DateTime(_last, DateTimeKind.Utc):O}");
        _last = utcTicks;
        if (HasOpenBar && utcTicks < _next && (_fixedLength || _aligner.StartOf(utcTicks) == _start))
        {
            if (bid > _hb) _hb = bid;
            if (bid < _lb) _lb = bid;
            if (ask > _ha) _ha = ask;
            if (ask < _la) _la = ask;
            (_cb, _ca) = (bid, ask);
            completed = default;
            return false;
        }
        bool closed = TryComplete(out completed);
        _start = _aligner.StartOf(utcTicks);
        _next = _fixedLength ? _start + Period.Duration.Ticks : long.MaxValue;
        (_ob, _hb, _lb, _cb) = (bid, bid, bid, bid);
        (_oa, _ha, _la, _ca) = (ask, ask, ask, ask);
        return closed;
    }

    /// <summary>
    /// Tells the aggregator that the time is now <paramref name="utcTicks"/> with no new quote (a
    /// heartbeat). Returns true, with the bar, when that completes the open bar.
    /// </summary>
    public bool Advance(long utcTicks, out QuoteBar completed)
    {
        if (HasOpenBar && utcTicks >= _last && (utcTicks >= _next || (!_fixedLength && _aligner.StartOf(utcTicks) != _start)))
        {
            _last = utcTicks;
            return TryComplete(out completed);
        }
        completed = default;
        return false;
    }

    /// <summary>Hands out the open bar as it is (at the end of a file or a run); false when there is none.</summary>
    public bool Flush(out QuoteBar completed) => TryComplete(out completed);

    private bool TryComplete(out QuoteBar completed)
    {
        if (!HasOpenBar) { completed = default; return false; }
        completed = new QuoteBar(new DateTime(_start, DateTimeKind.Utc), new Ohlc(_ob, _hb, _lb, _cb), new Ohlc(_oa, _ha, _la, _ca));
        _start = long.MinValue;
        return true;
    }
}
