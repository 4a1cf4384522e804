namespace AlgoTrading.Features.Sets.Components;

/// <summary>
/// Another instrument's closed bars as a cross-instrument feature reads them: how many bars had
/// closed by a given time, and their closes. Research wraps a whole <see cref="Domain.BarSeries"/>;
/// live trading will supply a growing buffer behind the same interface.
/// </summary>
public interface ICrossSeries
{
    /// <summary>The number of bars whose close time (start + period) is at or before <paramref name="utcTicks"/>.</summary>
    int ClosedBy(long utcTicks);
    /// <summary>The close of bar <paramref name="index"/>.</summary>
    double Close(int index);
}

/// <summary>An <see cref="ICrossSeries"/> over a complete series (research). Queries must not go back in time.</summary>
internal sealed class BarSeriesCrossSeries(Domain.BarSeries bars, Domain.PriceSource source) : ICrossSeries
{
    private readonly double[] _close = bars.Prices(source).Close.ToArray();
    private readonly long[] _closeTime = bars.TimeTicks.ToArray().Select(t => t + bars.Period.Duration.Ticks).ToArray();
    private int _count;

    /// <inheritdoc />
    public int ClosedBy(long utcTicks)
    {
        if (_count > 0 && _closeTime[_count - 1] > utcTicks) _count = 0; // a new pass from the start
        while (_count < _closeTime.Length && _closeTime[_count] <= utcTicks) _count++;
        return _count;
    }

    /// <inheritdoc />
    public double Close(int index) => _close[index];

    /// <summary>A fresh reader over the same bars.</summary>
    public BarSeriesCrossSeries Fresh() => new(bars, source);
}
