using AlgoTrading.Domain;

namespace AlgoTrading.Data.Storage;

/// <summary>What an import changed.</summary>
/// <param name="Added">Rows that were not stored before.</param>
/// <param name="Replaced">Bars whose timestamp was stored already and whose stored row was replaced by the imported one.</param>
/// <param name="Files">The year files written.</param>
public sealed record ImportResult(int Added, int Replaced, IReadOnlyList<string> Files);

/// <summary>
/// The on-disk store: <c>&lt;root&gt;/&lt;market&gt;/&lt;instrument&gt;/&lt;resolution&gt;/&lt;year&gt;.parquet</c>
/// (e.g. <c>data/storage/forex/EUR_USD/M1/2014.parquet</c>), one file per UTC year of bar start.
/// Importing merges into the existing year files: a bar whose timestamp is already stored replaces
/// it (the newer import wins, counted as replaced), so importing the same file twice adds nothing.
/// Ticks, whose timestamps legitimately repeat, are merged by time range: imported ticks replace
/// the stored ticks between their first and last timestamp. Import expects validated (sorted) data.
/// </summary>
public sealed class MarketDataStore(string root)
{
    /// <summary>The store's root folder.</summary>
    public string Root { get; } = root;

    /// <summary>The folder of one instrument and resolution.</summary>
    /// <exception cref="ArgumentException">The market or instrument is not a plain folder name.</exception>
    public string FolderOf(string market, string instrument, BarPeriod period) =>
        Path.Combine(Root, PlainName(market, "market"), PlainName(instrument, "instrument"), period.ToString());

    // Market and instrument names come from users; they must never lead outside the store.
    private static string PlainName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains("..") || name.StartsWith('.') || name != name.Trim()
            || name.IndexOfAny(['/', '\\']) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            throw new ArgumentException($"{what} '{name}': must be a plain name (no path separators, no '..', not empty), as it names a folder in the store");
        return name;
    }

    /// <summary>Writes <paramref name="series"/> into the store, merging with what is there.</summary>
    public async Task<ImportResult> ImportAsync(string market, IMarketSeries series, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(series.Instrument)) throw new ArgumentException("the series has no instrument name; pass --instrument");
        var folder = FolderOf(market, series.Instrument, series.Period);
        int added = 0, replaced = 0;
        var files = new List<string>();
        foreach (var (year, part) in SplitByYear(series))
        {
            var path = Path.Combine(folder, $"{year}.parquet");
            IMarketSeries merged = part;
            if (File.Exists(path))
            {
                var existing = (await ParquetMarketFile.ReadAsync(path, cancellationToken)).Series;
                (merged, int a, int r) = Merge(existing, part);
                added += a;
                replaced += r;
            }
            else added += part.Count;
            await ParquetMarketFile.WriteAsync(merged, path, cancellationToken);
            files.Add(path);
        }
        return new ImportResult(added, replaced, files);
    }

    /// <summary>Reads every stored year of one instrument and resolution, in time order.</summary>
    /// <exception cref="DirectoryNotFoundException">Nothing is stored for it.</exception>
    public async Task<IMarketSeries> ReadAsync(string market, string instrument, BarPeriod period, CancellationToken cancellationToken = default)
    {
        var folder = FolderOf(market, instrument, period);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"nothing stored for {market}/{instrument}/{period} under {Root}");
        var parts = new List<IMarketSeries>();
        foreach (var file in Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal))
            parts.Add((await ParquetMarketFile.ReadAsync(file, cancellationToken)).Series);
        return Concat(parts, instrument, period);
    }

    private static IEnumerable<(int Year, IMarketSeries Part)> SplitByYear(IMarketSeries series)
    {
        var times = series.TimeTicks.ToArray();
        int start = 0;
        while (start < times.Length)
        {
            int year = new DateTime(times[start]).Year;
            long nextYear = new DateTime(year + 1, 1, 1).Ticks;
            int end = start;
            while (end < times.Length && times[end] < nextYear) end++;
            yield return (year, Slice(series, start, end));
            start = end;
        }
    }

    private static (IMarketSeries Merged, int Added, int Replaced) Merge(IMarketSeries existing, IMarketSeries incoming)
    {
        if (existing is TickSeries oldTicks && incoming is TickSeries newTicks)
        {
            long first = newTicks.TimeTicks[0], last = newTicks.TimeTicks[^1];
            var builder = new TickSeriesBuilder(oldTicks.Count + newTicks.Count);
            int removed = 0;
            bool inserted = false;
            for (int i = 0; i < oldTicks.Count; i++)
            {
                long t = oldTicks.TimeTicks[i];
                if (t >= first && t <= last) { removed++; continue; }
                if (t > last && !inserted) { AppendTicks(builder, newTicks); inserted = true; }
                builder.Add(t, oldTicks.Bid[i], oldTicks.Ask[i]);
            }
            if (!inserted) AppendTicks(builder, newTicks);
            return (builder.Build(incoming.Instrument), newTicks.Count - Math.Min(removed, newTicks.Count), Math.Min(removed, newTicks.Count));
        }
        if (existing is BarSeries oldBars && incoming is BarSeries newBars)
        {
            if (oldBars.Kind != newBars.Kind) throw new InvalidOperationException($"the store holds {oldBars.Kind} bars for {incoming.Instrument}; cannot merge {newBars.Kind} bars into them");
            var builder = new BarSeriesBuilder(newBars.Kind, oldBars.Count + newBars.Count);
            var a = oldBars.TimeTicks;
            var b = newBars.TimeTicks;
            int i = 0, j = 0, added = 0, replaced = 0;
            while (i < a.Length || j < b.Length)
            {
                if (j == b.Length || (i < a.Length && a[i] < b[j])) builder.AddFrom(oldBars, i++);
                else if (i == a.Length || b[j] < a[i]) { builder.AddFrom(newBars, j++); added++; }
                else { builder.AddFrom(newBars, j++); i++; replaced++; }
            }
            return (builder.Build(incoming.Instrument, incoming.Period), added, replaced);
        }
        throw new InvalidOperationException("cannot merge ticks with bars");
    }

    private static void AppendTicks(TickSeriesBuilder builder, TickSeries ticks)
    {
        for (int i = 0; i < ticks.Count; i++) builder.Add(ticks.TimeTicks[i], ticks.Bid[i], ticks.Ask[i]);
    }

    private static IMarketSeries Slice(IMarketSeries series, int start, int end)
    {
        if (series is TickSeries ticks)
        {
            var tb = new TickSeriesBuilder(end - start);
            for (int i = start; i < end; i++) tb.Add(ticks.TimeTicks[i], ticks.Bid[i], ticks.Ask[i]);
            return tb.Build(ticks.Instrument);
        }
        var bars = (BarSeries)series;
        var bb = new BarSeriesBuilder(bars.Kind, end - start);
        for (int i = start; i < end; i++) bb.AddFrom(bars, i);
        return bb.Build(bars.Instrument, bars.Period);
    }

    private static IMarketSeries Concat(List<IMarketSeries> parts, string instrument, BarPeriod period)
    {
        if (parts.Count == 1) return parts[0];
        if (parts[0] is TickSeries)
        {
            var tb = new TickSeriesBuilder(parts.Sum(p => p.Count));
            foreach (TickSeries p in parts.Cast<TickSeries>()) AppendTicks(tb, p);
            return tb.Build(instrument);
        }
        var first = (BarSeries)parts[0];
        var bb = new BarSeriesBuilder(first.Kind, parts.Sum(p => p.Count));
        foreach (BarSeries p in parts.Cast<BarSeries>())
            for (int i = 0; i < p.Count; i++) bb.AddFrom(p, i);
        return bb.Build(instrument, period);
    }
}
