using System.Text.Json.Serialization;
using AlgoTrading.Data.Processors;

namespace AlgoTrading.Data;

/// <summary>The largest gap, for reports.</summary>
/// <param name="After">UTC time of the last row before it.</param>
/// <param name="Before">UTC time of the first row after it.</param>
/// <param name="MissingBars">Open-session slots without data.</param>
public sealed record GapSummary(DateTime After, DateTime Before, [property: JsonPropertyName("missing_bars")] int MissingBars);

/// <summary>Gap counts for reports.</summary>
/// <param name="Count">Gaps inside open sessions.</param>
/// <param name="MissingBars">Open-session slots without data over all gaps.</param>
/// <param name="Largest">The gap with most missing slots, or null.</param>
public sealed record GapCounts(int Count, [property: JsonPropertyName("missing_bars")] long MissingBars, GapSummary? Largest);

/// <summary>
/// What <see cref="MarketDataInspector"/> found in a file; serialises to the JSON printed by
/// <c>algotrading data inspect --json</c> (snake_case keys, UTC ISO 8601 times).
/// </summary>
public sealed record MarketDataInspection
{
    /// <summary>The file.</summary>
    public required string File { get; init; }
    /// <summary>The format it was read as.</summary>
    public required string Format { get; init; }
    /// <summary>The instrument label.</summary>
    public required string Instrument { get; init; }
    /// <summary><c>quote</c>, <c>trade</c> or <c>tick</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>Rows read.</summary>
    public required int Rows { get; init; }
    /// <summary>Earliest timestamp (UTC).</summary>
    public DateTime? First { get; init; }
    /// <summary>Latest timestamp (UTC).</summary>
    public DateTime? Last { get; init; }
    /// <summary>Detected resolution, e.g. <c>M1</c>.</summary>
    public required string Resolution { get; init; }
    /// <summary>The session used to tell closed periods from gaps.</summary>
    public required string Session { get; init; }
    /// <summary>Gaps inside open sessions.</summary>
    public required GapCounts Gaps { get; init; }
    /// <summary>Validation issues: reason → number of rows.</summary>
    public required IReadOnlyDictionary<string, int> Issues { get; init; }
    /// <summary>Records the format excludes (e.g. incomplete candles).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The validation report behind <see cref="Issues"/> (line numbers per reason).</summary>
    [JsonIgnore]
    public ValidationReport? Validation { get; init; }
}
