using System.Runtime.InteropServices;
using AlgoTrading.Domain;

namespace AlgoTrading.Data.Processors;

/// <summary>
/// Checks bars or ticks row by row and returns a cleaned copy with a <see cref="ValidationReport"/>;
/// nothing is changed or dropped without being counted under its reason and line.
/// <para>Order of checks: timestamps first (out-of-order rows, then duplicates among the rows
/// kept), then each row's values (missing, non-finite, non-positive, implausible, high/low/open/close
/// consistency, crossed quotes, volume), then spikes on the close (mid for quotes) of the rows kept.
/// Under <see cref="ValidationPolicy.Fail"/> the first offending row in file order stops the run
/// with a one-line <c>file:line: field: problem</c> message.</para>
/// </summary>
public static class MarketDataValidator
{
    // Series at least this long are checked on two cores (below it a task costs more than it saves).
    internal const int ParallelRows = 1 << 16;

    /// <summary>Validates bars or ticks, whichever <paramref name="series"/> is.</summary>
    public static (IMarketSeries Clean, ValidationReport Report) Validate(IMarketSeries series, ValidationOptions? options = null, string? source = null) => series switch
    {
        BarSeries bars => Validate(bars, options, source),
        TickSeries ticks => Validate(ticks, options, source),
        _ => throw new ArgumentException($"cannot validate a {series.GetType().Name}"),
    };

    /// <summary>Validates bars.</summary>
    public static (BarSeries Clean, ValidationReport Report) Validate(BarSeries bars, ValidationOptions? options = null, string? source = null)
    {
        options ??= new ValidationOptions();
        var report = NewReport(bars, source);
        if (bars.Count >= ParallelRows)
        {
            // The spike scan runs on another core beside the clean check, as if every row were clean: when they are,
            // its result (or its error under the fail policy) is the answer; when not, the row-by-row pass below
            // decides and the scan's outcome is dropped. On 1M bars the load's longest single-threaded stretch.
            var speculative = Task.Run(() => WithoutSpikes(bars, options, NewReport(bars, source)));
            if (AllRowsClean(bars, options)) return speculative.GetAwaiter().GetResult();
            try { speculative.Wait(); }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is DataValidationException)) { }
        }
        else if (AllRowsClean(bars, options)) return WithoutSpikes(bars, options, report);
        var order = CheckTimestamps(bars, options, report);
        bool quote = bars.Kind == BarKind.Quote;
        var sides = quote ? new[] { bars.Bid!, bars.Ask! } : new[] { bars.Trade! };
        var builder = new BarSeriesBuilder(bars.Kind, order.Count);
        Span<double> v = stackalloc double[8];
        Span<double> previousClose = stackalloc double[2];
        previousClose.Fill(double.NaN);
        var closes = new List<double>(order.Count);
        var kept = new List<int>(order.Count);

        var sideNames = quote ? new[] { "bid_", "ask_" } : new[] { "" };
        var volume = bars.Volume;
        foreach (int i in order)
        {
            for (int s = 0; s < sides.Length; s++)
            {
                v[4 * s] = sides[s].Open[i]; v[4 * s + 1] = sides[s].High[i]; v[4 * s + 2] = sides[s].Low[i]; v[4 * s + 3] = sides[s].Close[i];
            }
            bool drop = false, repaired = false, suspect = false;
            for (int s = 0; s < sides.Length; s++)
                CheckOhlc(v.Slice(4 * s, 4), previousClose[s], sideNames[s], i, bars, options, report, ref drop, ref repaired, ref suspect);
            if (!drop && quote && (v[4] < v[0] || v[5] < v[1] || v[6] < v[2] || v[7] < v[3]))
                drop |= Flag(ValidationIssue.CrossedQuote, CrossedField(v), i, bars, options, report, repairable: false);
            if (!drop && !quote && !(volume[i] >= 0 && double.IsFinite(volume[i])))
                drop |= Flag(ValidationIssue.BadVolume, "volume", i, bars, options, report, repairable: false);
            if (drop) { report.Dropped++; continue; }
            if (repaired) report.Repaired++;
            // A row kept in spite of an implausible price (report-only) must not become the reference for the next one.
            if (!suspect) for (int s = 0; s < sides.Length; s++) previousClose[s] = v[4 * s + 3];
            long t = bars.TimeTicks[i];
            int line = bars.SourceLines.IsEmpty ? 0 : bars.SourceLines[i];
            if (quote) builder.AddQuote(t, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], line);
            else builder.AddTrade(t, v[0], v[1], v[2], v[3], volume[i], line);
            closes.Add(quote ? (v[3] + v[7]) * 0.5 : v[3]);
            kept.Add(i);
        }
        var staged = builder.Build(bars.Instrument, bars.Period);
        var spikes = SpikeScan.Find(CollectionsMarshal.AsSpan(closes), default, CollectionsMarshal.AsSpan(kept), bars, options, report);
        var clean = spikes.Count == 0 ? staged : Without(staged, spikes);
        report.RowsOut = clean.Count;
        return (clean, report);
    }

    /// <summary>Validates ticks (missing, non-positive and crossed quotes, order, duplicates, spikes on the mid).</summary>
    public static (TickSeries Clean, ValidationReport Report) Validate(TickSeries ticks, ValidationOptions? options = null, string? source = null)
    {
        options ??= new ValidationOptions();
        var report = NewReport(ticks, source);
        var order = CheckTimestamps(ticks, options, report);
        var staged = new TickSeriesBuilder(order.Count);
        var mids = new List<double>(order.Count);
        var kept = new List<int>(order.Count);
        double lastBid = double.NaN, lastAsk = double.NaN;
        foreach (int i in order)
        {
            double bid = ticks.Bid[i], ask = ticks.Ask[i];
            bool drop = false, repaired = false;
            if (double.IsNaN(bid) || double.IsNaN(ask))
            {
                bool canFill = !double.IsNaN(lastBid);
                if (Flag(ValidationIssue.MissingValue, double.IsNaN(bid) ? "bid" : "ask", i, ticks, options, report, repairable: canFill, out bool keep)) drop = true;
                else if (!keep) { if (double.IsNaN(bid)) bid = lastBid; if (double.IsNaN(ask)) ask = lastAsk; repaired = true; }
            }
            bool suspect = false;
            if (!drop && (double.IsInfinity(bid) || double.IsInfinity(ask)))
                drop = Flag(ValidationIssue.NonFinitePrice, double.IsInfinity(bid) ? "bid" : "ask", i, ticks, options, report, repairable: false);
            else if (!drop && (bid <= 0 || ask <= 0)) drop = Flag(ValidationIssue.NonPositivePrice, bid <= 0 ? "bid" : "ask", i, ticks, options, report, repairable: false);
            else if (!drop && (ImplausibleAgainst(bid, lastBid, options) || ImplausibleAgainst(ask, lastAsk, options) || !WithinJump(bid, ask, options)))
            {
                suspect = true;
                drop = Flag(ValidationIssue.ImplausiblePrice, ImplausibleAgainst(ask, lastAsk, options) ? "ask" : "bid", i, ticks, options, report, repairable: false);
            }
            if (!drop && !suspect && ask < bid) drop = Flag(ValidationIssue.CrossedQuote, "ask", i, ticks, options, report, repairable: false);
            if (drop) { report.Dropped++; continue; }
            if (repaired) report.Repaired++;
            if (!suspect) (lastBid, lastAsk) = (bid, ask);
            staged.Add(ticks.TimeTicks[i], bid, ask, ticks.SourceLines.IsEmpty ? 0 : ticks.SourceLines[i]);
            mids.Add((bid + ask) * 0.5);
            kept.Add(i);
        }
        var built = staged.Build(ticks.Instrument);
        var spikes = SpikeScan.Find(CollectionsMarshal.AsSpan(mids), default, CollectionsMarshal.AsSpan(kept), ticks, options, report);
        if (spikes.Count > 0)
        {
            var filtered = new TickSeriesBuilder(built.Count - spikes.Count);
            for (int k = 0; k < built.Count; k++)
                if (!spikes.Contains(k)) filtered.Add(built.TimeTicks[k], built.Bid[k], built.Ask[k], built.SourceLines.IsEmpty ? 0 : built.SourceLines[k]);
            built = filtered.Build(ticks.Instrument);
        }
        report.RowsOut = built.Count;
        return (built, report);
    }

    /// <summary>
    /// The common case in one pass over the columns, without copying a row: every timestamp after the
    /// previous one and every row passing every check of <see cref="CheckOhlc"/>, the crossed-quote and
    /// the volume checks against the previous row's close (all rows are kept, so that is the reference
    /// the row-by-row pass would use). Any doubt returns false and the row-by-row pass decides.
    /// </summary>
    private static bool AllRowsClean(BarSeries bars, ValidationOptions options)
    {
        var time = bars.TimeTicks;
        for (int i = 1; i < time.Length; i++) if (time[i] <= time[i - 1]) return false;
        if (bars.Kind == BarKind.Trade)
        {
            foreach (double volume in bars.Volume) if (!(volume >= 0 && double.IsFinite(volume))) return false;
            return SideClean(bars.Trade!, options);
        }
        var (bid, ask) = (bars.Bid!, bars.Ask!);
        // The two sides on two cores when the series is large (each ~30-40 ns a row).
        var bidClean = bars.Count >= ParallelRows ? Task.Run(() => SideClean(bid, options)) : Task.FromResult(SideClean(bid, options));
        bool askClean = SideClean(ask, options);
        if (!bidClean.GetAwaiter().GetResult() || !askClean) return false;
        ReadOnlySpan<double> bo = bid.Open, bh = bid.High, bl = bid.Low, bc = bid.Close, ao = ask.Open, ah = ask.High, al = ask.Low, ac = ask.Close;
        for (int i = 0; i < bc.Length; i++)
            if (ao[i] < bo[i] || ah[i] < bh[i] || al[i] < bl[i] || ac[i] < bc[i]) return false;
        return true;
    }

    private static bool SideClean(OhlcColumns side, ValidationOptions options)
    {
        ReadOnlySpan<double> open = side.Open, high = side.High, low = side.Low, close = side.Close;
        Span<double> v = stackalloc double[4];
        double previousClose = double.NaN;
        for (int i = 0; i < close.Length; i++)
        {
            (v[0], v[1], v[2], v[3]) = (open[i], high[i], low[i], close[i]);
            // NaN fails every comparison, so "positive and finite" also rules out missing values.
            if (!(v[0] > 0 && v[1] > 0 && v[2] > 0 && v[3] > 0) || !(double.IsFinite(v[0]) && double.IsFinite(v[1]) && double.IsFinite(v[2]) && double.IsFinite(v[3])))
                return false;
            if (Implausible(v, previousClose, options) >= 0) return false;
            if (v[1] < v[2] || v[0] < v[2] || v[0] > v[1] || v[3] < v[2] || v[3] > v[1]) return false;
            previousClose = v[3];
        }
        return true;
    }

    // Every row clean: the series is its own clean copy, less any spike the policy drops.
    private static (BarSeries Clean, ValidationReport Report) WithoutSpikes(BarSeries bars, ValidationOptions options, ValidationReport report)
    {
        var spikes = bars.Kind == BarKind.Quote
            ? SpikeScan.Find(bars.Bid!.Close, bars.Ask!.Close, default, bars, options, report)
            : SpikeScan.Find(bars.Trade!.Close, default, default, bars, options, report);
        // The row-by-row pass keeps source lines only when one is known; so does this one.
        var clean = !bars.SourceLines.IsEmpty && bars.SourceLines.IndexOfAnyExcept(0) < 0
            ? new BarSeries(bars.Instrument, bars.Period, bars.Kind, bars.TimeArray, bars.Count, bars.Bid, bars.Ask, bars.Trade, bars.VolumeArray)
            : bars;
        if (spikes.Count > 0) clean = Without(clean, spikes);
        report.RowsOut = clean.Count;
        return (clean, report);
    }

    private static ValidationReport NewReport(IMarketSeries series, string? source) => new()
    {
        Source = source ?? (series.Instrument.Length > 0 ? series.Instrument : "series"),
        RowsIn = series.Count,
        PositionsAreLines = !series.SourceLines.IsEmpty,
    };

    private static int Position(IMarketSeries series, int row) => series.SourceLines.IsEmpty ? row : series.SourceLines[row];

    internal static bool Flag(ValidationIssue issue, string field, int row, IMarketSeries series, ValidationOptions options, ValidationReport report, bool repairable) =>
        Flag(issue, field, row, series, options, report, repairable, out _);

    /// <summary>
    /// Records an issue; returns true when the row must be dropped, throws under Fail. Under Keep it
    /// returns false and <paramref name="kept"/> tells the caller to leave the row untouched.
    /// </summary>
    private static bool Flag(ValidationIssue issue, string field, int row, IMarketSeries series, ValidationOptions options, ValidationReport report, bool repairable, out bool kept)
    {
        report.Add(issue, Position(series, row));
        var policy = options.PolicyFor(issue);
        kept = policy == ValidationPolicy.Keep;
        if (kept) return false;
        if (policy == ValidationPolicy.Fail)
        {
            string where = report.PositionsAreLines ? $"{report.Source}:{Position(series, row)}" : $"{report.Source}: row {row}";
            throw new DataValidationException(
                $"{where}: {field}: {issue.Describe()} ({issue.SnakeCase()}, row time {new DateTime(series.TimeTicks[row], DateTimeKind.Utc):yyyy-MM-dd HH:mm:ss.fff}Z); the drop or repair policy cleans such rows", report);
        }
        return policy == ValidationPolicy.Drop || !repairable;
    }

    // Out-of-order and duplicate rows; returns the rows to keep, in time order.
    private static List<int> CheckTimestamps(IMarketSeries series, ValidationOptions options, ValidationReport report)
    {
        var time = series.TimeTicks;
        var order = new List<int>(series.Count);
        bool needsSort = false;
        long latest = long.MinValue;
        for (int i = 0; i < time.Length; i++)
        {
            if (time[i] < latest)
            {
                if (Flag(ValidationIssue.OutOfOrder, "time", i, series, options, report, repairable: true, out bool keep)) { report.Dropped++; continue; }
                if (!keep) { needsSort = true; report.Repaired++; }
            }
            else latest = time[i];
            order.Add(i);
        }
        if (needsSort)
        {
            var t = series.TimeTicks.ToArray();
            order = [.. order.OrderBy(i => t[i])]; // stable: equal times keep file order
        }
        var unique = new List<int>(order.Count);
        for (int k = 0; k < order.Count; k++)
        {
            bool sameAsNext = k + 1 < order.Count && time[order[k + 1]] == time[order[k]];
            bool sameAsPrevious = k > 0 && time[order[k - 1]] == time[order[k]];
            if (!sameAsPrevious && !sameAsNext) { unique.Add(order[k]); continue; }
            if (!sameAsPrevious) { unique.Add(order[k]); continue; } // first of a group: kept unless repair replaces it
            bool dropThis = Flag(ValidationIssue.DuplicateTimestamp, "time", order[k], series, options, report, repairable: true, out bool keep);
            if (dropThis) { report.Dropped++; continue; }
            if (keep) { unique.Add(order[k]); continue; }
            // Repair: the later row replaces the earlier one.
            unique[^1] = order[k];
            report.Dropped++;
        }
        return unique;
    }

    private static readonly string[] Fields = ["open", "high", "low", "close"];

    private static void CheckOhlc(Span<double> v, double previousClose, string side, int row, IMarketSeries series, ValidationOptions options,
        ValidationReport report, ref bool drop, ref bool repaired, ref bool suspect)
    {
        if (drop) return;
        if (double.IsNaN(v[0]) || double.IsNaN(v[1]) || double.IsNaN(v[2]) || double.IsNaN(v[3]))
        {
            if (Flag(ValidationIssue.MissingValue, side + Fields[First(v, double.IsNaN)], row, series, options, report, repairable: !double.IsNaN(previousClose), out bool keep)) { drop = true; return; }
            if (keep) { suspect = true; return; } // nothing else can be judged on a row with holes
            for (int k = 0; k < 4; k++) if (double.IsNaN(v[k])) v[k] = previousClose;
            v[1] = Math.Max(v[1], Math.Max(v[0], v[3]));
            v[2] = Math.Min(v[2], Math.Min(v[0], v[3]));
            repaired = true;
        }
        if (double.IsInfinity(v[0]) || double.IsInfinity(v[1]) || double.IsInfinity(v[2]) || double.IsInfinity(v[3]))
        {
            suspect = true;
            drop = Flag(ValidationIssue.NonFinitePrice, side + Fields[First(v, double.IsInfinity)], row, series, options, report, repairable: false);
            return;
        }
        if (v[0] <= 0 || v[1] <= 0 || v[2] <= 0 || v[3] <= 0)
        {
            suspect = true;
            drop = Flag(ValidationIssue.NonPositivePrice, side + Fields[First(v, p => p <= 0)], row, series, options, report, repairable: false);
            return;
        }
        if (Implausible(v, previousClose, options) is int bad and >= 0)
        {
            suspect = true;
            drop = Flag(ValidationIssue.ImplausiblePrice, side + Fields[bad], row, series, options, report, repairable: false);
            return;
        }
        if (v[1] < v[2])
        {
            if (Flag(ValidationIssue.HighBelowLow, side + "high", row, series, options, report, repairable: true, out bool keep)) { drop = true; return; }
            if (keep) return;
            (v[1], v[2]) = (v[2], v[1]);
            repaired = true;
        }
        if (v[0] < v[2] || v[0] > v[1])
        {
            if (Flag(ValidationIssue.OpenOutsideRange, side + "open", row, series, options, report, repairable: true, out bool keep)) { drop = true; return; }
            if (keep) return;
            v[1] = Math.Max(v[1], v[0]); v[2] = Math.Min(v[2], v[0]);
            repaired = true;
        }
        if (v[3] < v[2] || v[3] > v[1])
        {
            if (Flag(ValidationIssue.CloseOutsideRange, side + "close", row, series, options, report, repairable: true, out bool keep)) { drop = true; return; }
            if (keep) return;
            v[1] = Math.Max(v[1], v[3]); v[2] = Math.Min(v[2], v[3]);
            repaired = true;
        }
    }

    private static int First(ReadOnlySpan<double> v, Func<double, bool> test)
    {
        for (int k = 0; k < v.Length; k++) if (test(v[k])) return k;
        return 0;
    }

    // The index of an implausible price among open, high, low, close, or -1: outside the absolute band,
    // or further than MaxJump (a factor) from the previous close, or (first row, or the previous close
    // unknown) further than MaxJump from the row's own close. Positive and finite prices only.
    private static int Implausible(ReadOnlySpan<double> v, double previousClose, ValidationOptions options)
    {
        for (int k = 0; k < 4; k++) if (ImplausibleAgainst(v[k], previousClose, options)) return k;
        // Within the row: judge each price against the close, and the close against the open.
        for (int k = 0; k < 3; k++) if (!WithinJump(v[k], v[3], options)) return double.IsNaN(previousClose) ? FarthestFromMedian(v) : k;
        return -1;
    }

    private static bool ImplausibleAgainst(double price, double reference, ValidationOptions options) =>
        price < options.MinPrice || price > options.MaxPrice || (!double.IsNaN(reference) && !WithinJump(price, reference, options));

    private static bool WithinJump(double a, double b, ValidationOptions options) => a <= b * options.MaxJump && b <= a * options.MaxJump;

    private static int FarthestFromMedian(ReadOnlySpan<double> v)
    {
        Span<double> sorted = stackalloc double[4];
        v.CopyTo(sorted);
        sorted.Sort();
        double median = Math.Sqrt(sorted[1] * sorted[2]);
        int worst = 0;
        for (int k = 1; k < 4; k++) if (Math.Abs(Math.Log(v[k] / median)) > Math.Abs(Math.Log(v[worst] / median))) worst = k;
        return worst;
    }

    private static string CrossedField(ReadOnlySpan<double> v)
    {
        for (int k = 0; k < 4; k++) if (v[4 + k] < v[k]) return "ask_" + Fields[k];
        return "ask_close";
    }

    private static BarSeries Without(BarSeries series, HashSet<int> rows)
    {
        var builder = new BarSeriesBuilder(series.Kind, series.Count - rows.Count);
        for (int i = 0; i < series.Count; i++) if (!rows.Contains(i)) builder.AddFrom(series, i);
        return builder.Build(series.Instrument, series.Period);
    }
}
