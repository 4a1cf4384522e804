using System.Diagnostics;
using System.Runtime.CompilerServices;
using AlgoTrading.Domain;

namespace AlgoTrading.Live.Runner;

/// <summary>
/// Quotes from recorded tick series, merged by time, played as if they arrived live: at
/// <paramref name="speed"/> times their own pace (the gap between two quotes' timestamps divided by the
/// speed is waited), or as fast as the runner takes them when <paramref name="speed"/> is infinite
/// (<c>--speed max</c>). The quotes' own timestamps travel with them, so bars are the same at any speed.
/// </summary>
public sealed class ReplayPriceSource(IReadOnlyList<TickSeries> ticks, double speed)
{
    /// <summary>
    /// Quotes up to this time (UTC ticks) are played without pacing: a replay restarted on its state folder only warms
    /// up on the bars it already stepped, so those take no wall time (set before the first quote is read).
    /// </summary>
    public long PlayUnpacedUntil { get; set; } = long.MinValue;

    /// <summary>The quotes in time order (ties: the earlier slot first).</summary>
    public async IAsyncEnumerable<LivePrice> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!(speed > 0)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "--speed must be a positive number or max");
        var cursor = new int[ticks.Count];
        long firstTime = long.MinValue;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            int slot = -1;
            long best = long.MaxValue;
            for (int s = 0; s < ticks.Count; s++)
                if (cursor[s] < ticks[s].Count && ticks[s].TimeTicks[cursor[s]] < best) (slot, best) = (s, ticks[s].TimeTicks[cursor[s]]);
            if (slot < 0) yield break;
            cancellationToken.ThrowIfCancellationRequested();
            bool paced = best > PlayUnpacedUntil && !double.IsPositiveInfinity(speed);
            if (paced && firstTime == long.MinValue) { firstTime = best; clock.Restart(); } // the pace starts at the first quote not yet played
            if (paced)
            {
                var due = TimeSpan.FromTicks((long)((best - firstTime) / speed)) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }
            var series = ticks[slot];
            int i = cursor[slot]++;
            yield return new LivePrice(slot, best, series.Bid[i], series.Ask[i]);
        }
    }
}
