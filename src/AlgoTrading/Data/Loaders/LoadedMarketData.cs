using AlgoTrading.Domain;

namespace AlgoTrading.Data.Loaders;

/// <summary>
/// What a loader read from one source: either bars or ticks, in UTC, in file order (nothing is
/// sorted, de-duplicated or dropped at load: that is the validator's job, with a report), plus
/// notes about records the format itself marks as not data (e.g. OANDA's incomplete candles).
/// </summary>
public sealed class LoadedMarketData
{
    /// <summary>Wraps bars.</summary>
    public LoadedMarketData(string source, string format, BarSeries bars, IReadOnlyList<string>? notes = null)
        => (Source, Format, Bars, Notes) = (source, format, bars, notes ?? []);

    /// <summary>Wraps ticks.</summary>
    public LoadedMarketData(string source, string format, TickSeries ticks, IReadOnlyList<string>? notes = null)
        => (Source, Format, Ticks, Notes) = (source, format, ticks, notes ?? []);

    /// <summary>The file path or description the data came from.</summary>
    public string Source { get; }
    /// <summary>The format's name.</summary>
    public string Format { get; }
    /// <summary>The bars, when the source holds bars.</summary>
    public BarSeries? Bars { get; }
    /// <summary>The ticks, when the source holds ticks.</summary>
    public TickSeries? Ticks { get; }
    /// <summary>Whichever of <see cref="Bars"/> and <see cref="Ticks"/> is present.</summary>
    public IMarketSeries Series => (IMarketSeries?)Bars ?? Ticks!;
    /// <summary>Records the source format excludes from the data, each described with its position.</summary>
    public IReadOnlyList<string> Notes { get; }
}
