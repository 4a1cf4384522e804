namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Slow stochastic (k, smoothK, d) as TA-Lib STOCH with SMA smoothing: raw %K = 100·(close − lowest
/// low) / (highest high − lowest low) over k bars (0 when the range is 0); slow %K = SMA(smoothK)
/// of raw %K; %D = SMA(d) of slow %K. Both outputs (k, d) start at index k + smoothK + d − 3. Scale 0–100.
/// </summary>
public struct Stochastic : IIndicatorKernel
{
    private RollingExtremum _highest, _lowest;
    private SimpleMovingAverage _smoothK, _smoothD;
    private int _seen;

    /// <summary>Creates STOCH(<paramref name="kPeriod"/>, <paramref name="kSmoothing"/>, <paramref name="dPeriod"/>).</summary>
    public Stochastic(int kPeriod = 14, int kSmoothing = 3, int dPeriod = 3)
    {
        (KPeriod, KSmoothing, DPeriod) = (kPeriod, kSmoothing, dPeriod);
        _highest = new RollingExtremum(kPeriod, max: true);
        _lowest = new RollingExtremum(kPeriod, max: false);
        _smoothK = new SimpleMovingAverage(kSmoothing);
        _smoothD = new SimpleMovingAverage(dPeriod);
        _seen = 0;
    }

    /// <summary>Raw %K look-back.</summary>
    public int KPeriod { get; }
    /// <summary>Smoothing of %K.</summary>
    public int KSmoothing { get; }
    /// <summary>Smoothing of %D.</summary>
    public int DPeriod { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 2;
    /// <inheritdoc />
    public readonly int WarmUp => KPeriod + KSmoothing + DPeriod - 3;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        outputs[0] = outputs[1] = double.NaN;
        int index = _seen++;
        double hh = _highest.Push(bar.High), ll = _lowest.Push(bar.Low);
        if (index < KPeriod - 1) return;
        double raw = hh > ll ? 100 * (bar.Close - ll) / (hh - ll) : 0;
        double k = _smoothK.Next(raw);
        if (double.IsNaN(k)) return;
        double d = _smoothD.Next(k);
        if (index < WarmUp) return;
        outputs[0] = k;
        outputs[1] = d;
    }

    /// <inheritdoc />
    public void Reset() { _highest.Clear(); _lowest.Clear(); _smoothK.Reset(); _smoothD.Reset(); _seen = 0; }
}
