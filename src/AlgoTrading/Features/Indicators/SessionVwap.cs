using AlgoTrading.Time;

namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Volume-weighted average price anchored at the start of each trading day of a session (FX: the
/// day that begins 17:00 New York): Σ(typical price · volume) / Σvolume over the bars of the day so
/// far, resetting on the first bar of a new day. Quote bars carry no volume; when a day's volume is
/// zero the bars are weighted equally (a time-weighted average), so the output is still defined.
/// Price units; no warm-up.
/// </summary>
public struct SessionVwap : IIndicatorKernel
{
    private readonly BarAligner _days;
    private long _day;
    private double _priceVolume, _volume, _priceSum;
    private int _bars;

    /// <summary>Creates a VWAP that resets with each trading day of <paramref name="session"/>.</summary>
    public SessionVwap(TradingSession session)
    {
        _days = new BarAligner(Domain.BarPeriod.D1, session);
        _day = long.MinValue;
        _priceVolume = _volume = _priceSum = 0;
        _bars = 0;
    }

    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.All;
    /// <inheritdoc />
    public readonly int OutputCount => 1;
    /// <inheritdoc />
    public readonly int WarmUp => 0;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        long day = _days.StartOf(bar.Time);
        if (day != _day) { _day = day; _priceVolume = _volume = _priceSum = 0; _bars = 0; }
        double typical = (bar.High + bar.Low + bar.Close) / 3;
        _priceVolume += typical * bar.Volume;
        _volume += bar.Volume;
        _priceSum += typical;
        _bars++;
        outputs[0] = _volume > 0 ? _priceVolume / _volume : _priceSum / _bars;
    }

    /// <inheritdoc />
    public void Reset() { _day = long.MinValue; _priceVolume = _volume = _priceSum = 0; _bars = 0; }
}
