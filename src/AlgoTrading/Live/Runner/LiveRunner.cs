using System.Diagnostics;
using System.Threading.Channels;
using AlgoTrading.Data.Processors;
using AlgoTrading.Domain;
using AlgoTrading.Live.Journal;
using AlgoTrading.Live.Monitoring;
using AlgoTrading.Live.State;
using AlgoTrading.Time;

namespace AlgoTrading.Live.Runner;

/// <summary>
/// The price loop of a live run: quotes in (a broker's stream or a replayed file), bars out of
/// <see cref="QuoteBarAggregator"/> (the data layer's one bar builder, driven by the quotes' own
/// timestamps, so a replay at any speed builds the bars research built), each closed time step handed
/// to the trading core (<see cref="LiveStep"/>), the broker's answers delivered between quotes.
/// </summary>
/// <remarks>
/// <para>A bar closes when a quote of a later bar arrives for any instrument of the run (every
/// instrument's open bar that ended before that quote closes with it), so the bars of one time step are
/// stepped together, as in a backtest. Live (<see cref="CloseGrace"/> set) a bar also closes on the clock:
/// once its period ended more than the grace ago, with no later quote (a quiet market), so decisions are
/// not late by however long the next quote takes. In a replay the quotes' own timestamps stay the only
/// clock, so a replay is deterministic at any speed. The bar still open when the quotes end is not stepped
/// (live, it never closed), except in a replay (<see cref="FlushAtEnd"/>), where it is stepped without acting.</para>
/// <para>Stops: the end of the quotes, <see cref="StopAtUtc"/>, the cancellation token (SIGINT/SIGTERM:
/// the current step finishes first), or the kill switch (<see cref="KillSwitch"/>, looked for four
/// times a second by a watchdog, so a silent weekend stream still stops). Sessions: a bar whose start is
/// outside its instrument's session, or whose last quote was not tradeable, is stepped with
/// <c>tradeable: false</c> (marks only, no new orders).</para>
/// <para>One thread runs the loop; nothing is allocated per quote or per bar except the equity and
/// latency lists' growth.</para>
/// </remarks>
public sealed class LiveRunner
{
    private readonly QuoteBarAggregator[] _bars;
    private readonly TradingSession[] _sessions;
    private readonly long[] _lastSeen;
    private readonly bool[] _tradeable;
    private readonly CompletedBar[] _closed;
    private readonly BarAligner[] _aligners;
    private readonly long _fixedLength;

    /// <summary>A loop over the instruments' sessions (slot order) building <paramref name="period"/> bars.</summary>
    public LiveRunner(IReadOnlyList<TradingSession> sessions, BarPeriod period)
    {
        _sessions = [.. sessions];
        _bars = [.. sessions.Select(s => new QuoteBarAggregator(period, s))];
        _lastSeen = new long[sessions.Count];
        Array.Fill(_lastSeen, long.MinValue);
        _tradeable = new bool[sessions.Count];
        _closed = new CompletedBar[sessions.Count];
        _aligners = [.. sessions.Select(s => new BarAligner(period, s))];
        // Periods that divide an hour end at start + length; the others at the next aligned start (found by aligning the clock).
        _fixedLength = period.IsIntraday && TimeSpan.TicksPerHour % period.Duration.Ticks == 0 ? period.Duration.Ticks : 0;
    }

    /// <summary>
    /// Live: a bar whose period ended this long ago closes on the clock even without a later quote; null
    /// (a replay): only quotes close bars. Quotes of a bar closed this way that arrive afterwards are late and left out.
    /// </summary>
    public TimeSpan? CloseGrace { get; init; }
    /// <summary>The wall clock (UTC) bars close on with <see cref="CloseGrace"/>; default <see cref="DateTime.UtcNow"/>.</summary>
    public Func<DateTime> Clock { get; init; } = () => DateTime.UtcNow;
    /// <summary>How often the clock is looked at while no quote arrives (with <see cref="CloseGrace"/>). Default 250 ms.</summary>
    public TimeSpan ClockPoll { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>
    /// Run on the loop between quotes and at every clock look (broker reconnects: reconcile, breakers); it must
    /// return a completed task at once when it has nothing to do.
    /// </summary>
    public Func<CancellationToken, ValueTask>? BetweenQuotes { get; init; }

    /// <summary>Stop at this wall-clock time (UTC); null: run until the quotes end or a stop.</summary>
    public DateTime? StopAtUtc { get; init; }
    /// <summary>Why <see cref="StopAtUtc"/> stops the run (<c>duration</c> or <c>until</c>).</summary>
    public string StopAtReason { get; init; } = "duration";
    /// <summary>The state folder whose kill switch is watched; null: none.</summary>
    public LiveStateFolder? State { get; init; }
    /// <summary>The journaling client: its held broker events are delivered between quotes, its order count times the latency.</summary>
    public JournaledExecutionClient? Client { get; init; }
    /// <summary>Metrics to update; null: none.</summary>
    public LiveMetrics? Metrics { get; init; }
    /// <summary>
    /// A replay: when the quotes end, the bars still open are stepped without acting (<c>tradeable: false</c>),
    /// as a backtest's last bar is, so a replay and a backtest on the same quotes see the same bars.
    /// </summary>
    public bool FlushAtEnd { get; init; }
    /// <summary>Called on the loop after every step (equity known): checkpoints, status display.</summary>
    public Action<LiveRunResult>? AfterStep { get; init; }

    /// <summary>The kill request that stopped the run, if any.</summary>
    public KillRequest? Kill { get; private set; }

    /// <summary>Runs until the quotes end or a stop; never throws for a stop (the reason is in the result).</summary>
    public async Task<LiveRunResult> RunAsync(IAsyncEnumerable<LivePrice> prices, LiveStep step, CancellationToken cancellationToken = default)
    {
        var result = new LiveRunResult();
        using var watchdogStop = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? watchdogReason = null;
        var watchdog = Task.Run(async () =>
        {
            try
            {
                while (!watchdogStop.IsCancellationRequested)
                {
                    if (State is not null && KillSwitch.Read(State) is { } kill)
                    {
                        Kill = kill;
                        watchdogReason = kill.Flatten ? "kill switch (flatten)" : "kill switch";
                        stop.Cancel();
                        return;
                    }
                    if (StopAtUtc is { } at && DateTime.UtcNow >= at)
                    {
                        watchdogReason = StopAtReason;
                        stop.Cancel();
                        return;
                    }
                    await Task.Delay(250, watchdogStop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) { }
        });
        try
        {
            // The kill switch is honoured before the first quote too (a restart after a kill stays stopped).
            if (State is not null && KillSwitch.Read(State) is { } pulled)
            {
                Kill = pulled;
                result.StopReason = pulled.Flatten ? "kill switch (flatten)" : "kill switch";
                return result;
            }
            if (CloseGrace is { } grace) await RunOnClockAsync(prices, step, result, grace, stop.Token).ConfigureAwait(false);
            else
                await foreach (var p in prices.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    if (BetweenQuotes is { } between) await between(stop.Token).ConfigureAwait(false);
                    Take(p, step, result);
                    if (stop.IsCancellationRequested) break; // a stop asked during the step: the step is finished, stop now
                }
            result.StopReason = "end of replay";
            if (FlushAtEnd && !stop.IsCancellationRequested) FlushOpenBars(step, result);
        }
        catch (OperationCanceledException) { }
        finally
        {
            await watchdogStop.CancelAsync().ConfigureAwait(false);
            await watchdog.ConfigureAwait(false);
        }
        if (stop.IsCancellationRequested) result.StopReason = watchdogReason ?? "signal";
        Client?.Dispatch();
        return result;
    }

    private void Take(in LivePrice p, LiveStep step, LiveRunResult result)
    {
        long arrived = Stopwatch.GetTimestamp();
        result.Prices++;
        Client?.Dispatch();
        OnPrice(p, arrived, step, result);
    }

    // Live: the quotes are pumped into a channel on their own task, so the loop can wake up on the clock
    // while none arrives; everything else (bars, steps, the broker's events) still runs on this one loop.
    private async Task RunOnClockAsync(IAsyncEnumerable<LivePrice> prices, LiveStep step, LiveRunResult result, TimeSpan grace, CancellationToken stop)
    {
        var channel = Channel.CreateBounded<LivePrice>(new BoundedChannelOptions(4096) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        using var pumpStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var p in prices.WithCancellation(pumpStop.Token).ConfigureAwait(false)) await channel.Writer.WriteAsync(p, pumpStop.Token).ConfigureAwait(false);
                channel.Writer.TryComplete();
            }
            catch (Exception e) { channel.Writer.TryComplete(e); }
        }, CancellationToken.None);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (BetweenQuotes is { } between) await between(stop).ConfigureAwait(false);
                CloseOnClock(Clock().Ticks - grace.Ticks, step, result);
                if (stop.IsCancellationRequested) break;
                bool more;
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    wait.CancelAfter(ClockPoll);
                    try { more = await channel.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested) { continue; } // the clock's turn
                }
                if (!more) break; // the quotes ended
                while (!stop.IsCancellationRequested && channel.Reader.TryRead(out var p))
                {
                    if (BetweenQuotes is { } b) await b(stop).ConfigureAwait(false);
                    Take(p, step, result);
                }
            }
            stop.ThrowIfCancellationRequested();
        }
        finally
        {
            await pumpStop.CancelAsync().ConfigureAwait(false);
            try { await pump.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
    }

    // Every open bar whose period ended at or before closeAt (the clock less the grace) closes now, without a quote.
    private void CloseOnClock(long closeAt, LiveStep step, LiveRunResult result)
    {
        int closed = 0;
        for (int s = 0; s < _bars.Length; s++)
        {
            if (!_bars[s].HasOpenBar || _lastSeen[s] >= closeAt) continue;
            long start = _aligners[s].StartOf(_lastSeen[s]);
            long end = _fixedLength > 0 ? start + _fixedLength : _aligners[s].StartOf(closeAt) != start ? closeAt : long.MaxValue;
            if (closeAt < end || !_bars[s].Advance(end, out var bar)) continue;
            _lastSeen[s] = end; // a quote older than the closed bar's end is late from now on
            _closed[closed++] = new CompletedBar(s, bar);
        }
        if (closed > 0)
        {
            result.ClockClosedBars += closed;
            StepClosed(closed, Stopwatch.GetTimestamp(), step, result);
        }
    }

    private void OnPrice(in LivePrice p, long arrived, LiveStep step, LiveRunResult result)
    {
        int slot = p.Slot;
        if (p.TimeUtcTicks < _lastSeen[slot]) { result.LateQuotes++; return; }
        // Every other instrument's bar that ended before this quote closes now; then this quote's own.
        int closed = 0;
        for (int s = 0; s < _bars.Length; s++)
        {
            if (s == slot || _lastSeen[s] > p.TimeUtcTicks) continue;
            if (_bars[s].Advance(p.TimeUtcTicks, out var bar)) _closed[closed++] = new CompletedBar(s, bar);
            _lastSeen[s] = Math.Max(_lastSeen[s], p.TimeUtcTicks);
        }
        bool tradeableBefore = _tradeable[slot];
        if (_bars[slot].Add(p.TimeUtcTicks, p.Bid, p.Ask, out var own)) _closed[closed++] = new CompletedBar(slot, own);
        _lastSeen[slot] = p.TimeUtcTicks;
        if (closed == 0) { _tradeable[slot] = p.Tradeable; return; }
        // The closing quote belongs to the next bar: the closed bar's tradeability is the previous quote's.
        bool ownClosed = _closed[closed - 1].Slot == slot;
        if (ownClosed) _tradeable[slot] = tradeableBefore;
        StepClosed(closed, arrived, step, result);
        _tradeable[slot] = p.Tradeable;
    }

    private void FlushOpenBars(LiveStep step, LiveRunResult result)
    {
        int closed = 0;
        for (int s = 0; s < _bars.Length; s++)
            if (_bars[s].Flush(out var bar))
            {
                _closed[closed++] = new CompletedBar(s, bar);
                _tradeable[s] = false;
            }
        if (closed > 0) StepClosed(closed, System.Diagnostics.Stopwatch.GetTimestamp(), step, result);
    }

    // The closed bars grouped by start time, earliest first (usually one group of one bar).
    private void StepClosed(int count, long arrived, LiveStep step, LiveRunResult result)
    {
        var closed = _closed.AsSpan(0, count);
        if (count > 1) closed.Sort(static (a, b) => a.Bar.Time.Ticks != b.Bar.Time.Ticks ? a.Bar.Time.Ticks.CompareTo(b.Bar.Time.Ticks) : a.Slot.CompareTo(b.Slot));
        int start = 0;
        while (start < count)
        {
            long time = closed[start].Bar.Time.Ticks;
            int end = start;
            bool tradeable = true;
            while (end < count && closed[end].Bar.Time.Ticks == time)
            {
                int s = closed[end].Slot;
                tradeable &= _tradeable[s] && _sessions[s].IsOpen(closed[end].Bar.Time);
                end++;
            }
            int ordersBefore = Client?.Submitted ?? 0;
            double equity = step(time, closed[start..end], tradeable);
            if (Client is { } c && c.Submitted != ordersBefore)
            {
                double seconds = Stopwatch.GetElapsedTime(arrived).TotalSeconds;
                result.PriceToOrderSeconds.Add(seconds);
                Metrics?.ObservePriceToOrder(TimeSpan.FromSeconds(seconds));
            }
            result.Steps++;
            result.EquityTime.Add(time);
            result.Equity.Add(equity);
            Metrics?.SetEquity(equity);
            AfterStep?.Invoke(result);
            start = end;
        }
    }
}
