namespace AlgoTrading.Domain;

/// <summary>
/// What bar and tick series share: timestamps (UTC ticks of <see cref="DateTime"/>, bar start for
/// bars) and, when loaded from a file, the source line of every row so that reports can name it.
/// </summary>
public interface IMarketSeries
{
    /// <summary>The instrument's symbol, e.g. <c>EUR_USD</c>; empty when unknown.</summary>
    string Instrument { get; }
    /// <summary>The resolution; <see cref="BarPeriod.Tick"/> for ticks.</summary>
    BarPeriod Period { get; }
    /// <summary>Number of rows.</summary>
    int Count { get; }
    /// <summary>Row timestamps as UTC <see cref="DateTime.Ticks"/> (100 ns units since 0001-01-01).</summary>
    ReadOnlySpan<long> TimeTicks { get; }
    /// <summary>1-based line numbers in the source file, or empty when the rows were not read from a file.</summary>
    ReadOnlySpan<int> SourceLines { get; }
}
