using System.Globalization;
using AlgoTrading.Models;

namespace AlgoTrading.Workflows;

/// <summary>
/// Which rows <c>algotrading models explain</c> explains: the last N complete rows (the default, 5), rows
/// chosen by bar-start time (UTC), by bar index in the data file (0 = its first bar), or every row between
/// two times. Exactly one way at a time.
/// </summary>
public sealed record ExplainRows
{
    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>The last N complete rows.</summary>
    public int? Last { get; init; }
    /// <summary>Rows whose bar starts at these times (UTC).</summary>
    public IReadOnlyList<DateTime>? Times { get; init; }
    /// <summary>Rows at these bar indices of the data file (0 = first bar, after validation).</summary>
    public IReadOnlyList<int>? Indices { get; init; }
    /// <summary>Rows whose bar starts at or after this time (UTC), with or without <see cref="To"/>.</summary>
    public DateTime? From { get; init; }
    /// <summary>Rows whose bar starts at or before this time (UTC), with or without <see cref="From"/>.</summary>
    public DateTime? To { get; init; }

    /// <summary>The last 5 complete rows.</summary>
    public static ExplainRows Default { get; } = new() { Last = 5 };

    /// <summary>
    /// From the command line: <c>--rows</c> is a count (the last N) or comma-separated times
    /// (<c>2024-01-02T10:00,2024-01-02T11:00</c>, UTC); <c>--index</c> comma-separated bar indices;
    /// <c>--from</c>/<c>--to</c> times. Null: not given.
    /// </summary>
    /// <exception cref="ArgumentException">A malformed value, or two ways of choosing at once (the message names the options).</exception>
    public static ExplainRows Parse(string? rows, string? index, string? from, string? to)
    {
        int ways = (rows is null ? 0 : 1) + (index is null ? 0 : 1) + (from is null && to is null ? 0 : 1);
        if (ways > 1) throw new ArgumentException("choose rows one way: --rows, --index, or --from/--to");
        if (index is not null)
            return new ExplainRows
            {
                Indices = Items(index, "--index").Select(i => int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new ArgumentException($"--index {i}: expected a bar index, 0 or more")).ToArray(),
            };
        if (from is not null || to is not null)
        {
            var range = new ExplainRows { From = from is null ? null : Time(from, "--from"), To = to is null ? null : Time(to, "--to") };
            return range.From > range.To ? throw new ArgumentException($"--from {from} is after --to {to}") : range;
        }
        if (rows is null) return Default;
        if (int.TryParse(rows, NumberStyles.None, CultureInfo.InvariantCulture, out int last))
            return last > 0 ? new ExplainRows { Last = last } : throw new ArgumentException($"--rows {rows}: expected a positive count or times");
        return new ExplainRows { Times = Items(rows, "--rows").Select(t => Time(t, "--rows")).ToArray() };
    }

    /// <summary>
    /// The rows of <paramref name="matrix"/> (features without their warm-up: row r is bar r + warm-up) this
    /// selection names, in time order without repeats.
    /// </summary>
    /// <exception cref="ModelInputException">A time or index that is not a bar of the data, one inside the features' warm-up, or an empty range.</exception>
    internal int[] Select(ModelMatrix matrix, string dataFile)
    {
        var time = matrix.Time;
        int warmUp = matrix.WarmUpRowsDropped, bars = matrix.Rows + warmUp;
        string firstComplete = Format(time[0]);
        IEnumerable<int> chosen;
        if (Times is { } times)
            chosen = times.Select(t =>
            {
                int r = Array.BinarySearch(time, t.Ticks);
                if (r >= 0) return r;
                throw new ModelInputException(t.Ticks < time[0]
                    ? $"{dataFile}: {Format(t.Ticks)} is before the first complete row ({firstComplete}; the first {warmUp} bars warm the features up)"
                    : $"{dataFile}: no bar starts at {Format(t.Ticks)} UTC (bars run to {Format(time[^1])})");
            });
        else if (Indices is { } indices)
            chosen = indices.Select(i => i >= bars ? throw new ModelInputException($"{dataFile}: bar index {i} is past the last bar ({bars} bars, indices 0-{bars - 1})")
                : i < warmUp ? throw new ModelInputException($"{dataFile}: bar index {i} is in the features' warm-up (the first complete row is index {warmUp}, {firstComplete})")
                : i - warmUp);
        else if (From is not null || To is not null)
        {
            long from = From?.Ticks ?? long.MinValue, to = To?.Ticks ?? long.MaxValue;
            chosen = Enumerable.Range(0, matrix.Rows).Where(r => time[r] >= from && time[r] <= to);
        }
        else
        {
            int count = Math.Min(Last ?? 5, matrix.Rows);
            chosen = Enumerable.Range(matrix.Rows - count, count);
        }
        var rows = chosen.Distinct().Order().ToArray();
        if (rows.Length == 0)
            throw new ModelInputException($"{dataFile}: no complete row between {(From is { } f ? Format(f.Ticks) : "the start")} and {(To is { } t ? Format(t.Ticks) : "the end")} (complete rows {firstComplete} to {Format(time[^1])})");
        return rows;
    }

    private static string[] Items(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        return items.Any(i => i.Length == 0) ? throw new ArgumentException($"{option} {text}: an empty item") : items;
    }

    private static DateTime Time(string text, string option) =>
        DateTime.TryParseExact(text.TrimEnd('Z'), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : throw new ArgumentException($"{option} {text}: expected a UTC time like 2024-01-02T10:00");

    private static string Format(long ticks) => new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
