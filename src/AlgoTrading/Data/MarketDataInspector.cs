using AlgoTrading.Data.Loaders;
using AlgoTrading.Data.Processors;
using AlgoTrading.Domain;
using AlgoTrading.Time;

namespace AlgoTrading.Data;

/// <summary>
/// Reads a file, validates it without changing anything and finds its gaps: the library side of
/// <c>algotrading data inspect</c>. Gaps are measured on the rows that pass validation, in time order.
/// </summary>
public static class MarketDataInspector
{
    /// <summary>Inspects <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="read">How to read it.</param>
    /// <param name="session">The session that decides what is closed time (FX when null).</param>
    /// <param name="validation">Thresholds; the policy is ignored (inspection never changes data).</param>
    /// <param name="cancellationToken">Stops the load.</param>
    public static async Task<MarketDataInspection> InspectAsync(string path, MarketDataReadOptions? read = null,
        TradingSession? session = null, ValidationOptions? validation = null, CancellationToken cancellationToken = default)
    {
        var data = await MarketDataReader.LoadAsync(path, read, cancellationToken);
        session ??= TradingSession.Forex;
        // Count everything; drop what is broken so gaps are measured on usable rows; keep spikes (they may be real moves).
        var options = (validation ?? new ValidationOptions()) with { Policy = ValidationPolicy.Drop, Overrides = ValidationOptions.DefaultOverrides };
        var (clean, report) = MarketDataValidator.Validate(data.Series, options, path);
        var gaps = GapDetector.Detect(clean, session);
        var times = data.Series.TimeTicks;
        long min = long.MaxValue, max = long.MinValue;
        foreach (var t in times) { if (t < min) min = t; if (t > max) max = t; }
        return new MarketDataInspection
        {
            File = path,
            Format = data.Format,
            Instrument = data.Series.Instrument,
            Kind = data.Bars is null ? "tick" : data.Bars.Kind == BarKind.Quote ? "quote" : "trade",
            Rows = data.Series.Count,
            First = times.Length > 0 ? new DateTime(min, DateTimeKind.Utc) : null,
            Last = times.Length > 0 ? new DateTime(max, DateTimeKind.Utc) : null,
            Resolution = data.Series.Period.ToString(),
            Session = session.Name,
            Gaps = new GapCounts(gaps.Count, gaps.MissingBars,
                gaps.Largest is { } g ? new GapSummary(g.After, g.Before, g.MissingBars) : null),
            Issues = report.CountsByReason,
            Notes = data.Notes,
            Validation = report,
        };
    }
}
