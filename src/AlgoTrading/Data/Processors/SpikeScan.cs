using AlgoTrading.Domain;

namespace AlgoTrading.Data.Processors;

/// <summary>
/// The spike check of <see cref="MarketDataValidator"/> (bars on their close or mid, ticks on their mid): an EWMA
/// estimate of the typical move per period and a causal test of each row against it; flags go through the
/// validator's policy like every other issue.
/// </summary>
internal static class SpikeScan
{
    // Indices (into the kept rows) of spikes, judged causally (past rows only). A row is a spike
    // when its close is far from the previous row's close AND from the last close that was not a
    // spike: so after an out-and-back spike the recovery row is normal, and after a genuine level
    // shift only its first row is flagged. "Far" is SpikeThreshold EWMA deviations per period,
    // times sqrt(k) for a return spanning k periods (weekend, skipped bars); the estimate is fed
    // with returns clipped at the threshold, so one spike cannot inflate it.
    // The close of kept row k is closes[k], or the mid of closes[k] and asks[k] when asks are given;
    // its row in the series is kept[k], or k when every row was kept (kept empty).
    public static HashSet<int> Find(ReadOnlySpan<double> closes, ReadOnlySpan<double> asks, ReadOnlySpan<int> kept, IMarketSeries series,
        ValidationOptions options, ValidationReport report)
    {
        var spikes = new HashSet<int>();
        var times = series.TimeTicks;
        long period = series.Period.Unit == PeriodUnit.Tick ? 0 : series.Period.Duration.Ticks;
        double lambda = Math.Pow(0.5, 1.0 / options.SpikeHalfLife);
        double variance = 0, sum = 0;
        int seen = 0;
        bool previousFlagged = false; // row k - 1 was a spike, dropped or kept (a bool, not two set lookups a row)
        if (closes.IsEmpty) return spikes;
        double previous = asks.IsEmpty ? closes[0] : (closes[0] + asks[0]) * 0.5, lastGood = previous;
        for (int k = 1; k < closes.Length; k++)
        {
            double close = asks.IsEmpty ? closes[k] : (closes[k] + asks[k]) * 0.5;
            int row = kept.IsEmpty ? k : kept[k], previousRow = kept.IsEmpty ? k - 1 : kept[k - 1];
            double r = Math.Log(close / previous);
            previous = close;
            double periods = period > 0 ? Math.Max(1, (times[row] - times[previousRow]) / (double)period) : 1;
            double limit = options.SpikeThreshold * Math.Sqrt(variance * periods);
            bool judged = seen >= options.SpikeWarmup && variance > 0;
            if (judged && Math.Abs(r) > limit && Math.Abs(Math.Log(close / lastGood)) > limit)
            {
                // Dropped or kept, a flagged row is not a reference for the next one.
                if (MarketDataValidator.Flag(ValidationIssue.Spike, series is TickSeries || series is BarSeries { Kind: BarKind.Quote } ? "mid" : "close", row, series, options, report, repairable: false)) { spikes.Add(k); report.Dropped++; }
                previousFlagged = true;
                continue;
            }
            lastGood = close;
            bool offSpike = previousFlagged;
            previousFlagged = false;
            if (r == 0 || offSpike) continue; // unchanged prices and returns off a spike say nothing about volatility
            double perPeriod = r / Math.Sqrt(periods);
            double clipped = judged ? Math.Clamp(perPeriod, -limit, limit) : perPeriod;
            seen++;
            if (seen <= options.SpikeWarmup) { sum += clipped * clipped; variance = sum / seen; }
            else variance = lambda * variance + (1 - lambda) * clipped * clipped;
        }
        return spikes;
    }
}
