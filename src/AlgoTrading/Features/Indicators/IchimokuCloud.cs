namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Ichimoku (tenkan, kijun, senkou B periods; default 9, 26, 52; displacement = kijun period).
/// Tenkan and kijun are the mid-points (highest high + lowest low)/2 of their windows. The senkou
/// spans are reported as they stand at bar t on a chart, which is what was computed
/// <c>displacement</c> bars earlier: senkou A(t) = (tenkan + kijun)/2 at t − d, senkou B(t) = the
/// senkou-B-period mid-point at t − d. Both are known at t. The chikou span (today's close drawn d
/// bars back) would put a future value on past bars, so it is not an output.
/// Outputs (tenkan, kijun, senkou_a, senkou_b) in price units.
/// </summary>
public struct IchimokuCloud : IIndicatorKernel
{
    private RollingExtremum _tenkanHigh, _tenkanLow, _kijunHigh, _kijunLow, _senkouHigh, _senkouLow;
    private RingBuffer _pendingA, _pendingB;
    private long _seen;

    /// <summary>Creates the cloud.</summary>
    public IchimokuCloud(int tenkan = 9, int kijun = 26, int senkouB = 52)
    {
        (Tenkan, Kijun, SenkouB) = (tenkan, kijun, senkouB);
        _tenkanHigh = new(tenkan, true); _tenkanLow = new(tenkan, false);
        _kijunHigh = new(kijun, true); _kijunLow = new(kijun, false);
        _senkouHigh = new(senkouB, true); _senkouLow = new(senkouB, false);
        _pendingA = new RingBuffer(kijun + 1);
        _pendingB = new RingBuffer(kijun + 1);
        _seen = 0;
    }

    /// <summary>Tenkan-sen period.</summary>
    public int Tenkan { get; }
    /// <summary>Kijun-sen period, also the displacement.</summary>
    public int Kijun { get; }
    /// <summary>Senkou span B period.</summary>
    public int SenkouB { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 4;
    /// <inheritdoc />
    public readonly int WarmUp => SenkouB - 1 + Kijun;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        _seen++;
        double th = _tenkanHigh.Push(bar.High), tl = _tenkanLow.Push(bar.Low);
        double kh = _kijunHigh.Push(bar.High), kl = _kijunLow.Push(bar.Low);
        double sh = _senkouHigh.Push(bar.High), sl = _senkouLow.Push(bar.Low);
        double tenkan = _seen >= Tenkan ? (th + tl) / 2 : double.NaN;
        double kijun = _seen >= Kijun ? (kh + kl) / 2 : double.NaN;
        _pendingA.Push((tenkan + kijun) / 2);
        _pendingB.Push(_seen >= SenkouB ? (sh + sl) / 2 : double.NaN);
        outputs[0] = tenkan;
        outputs[1] = kijun;
        outputs[2] = _pendingA.IsFull ? _pendingA.Ago(Kijun) : double.NaN;
        outputs[3] = _pendingB.IsFull ? _pendingB.Ago(Kijun) : double.NaN;
    }

    /// <inheritdoc />
    public void Reset()
    {
        _tenkanHigh.Clear(); _tenkanLow.Clear(); _kijunHigh.Clear(); _kijunLow.Clear(); _senkouHigh.Clear(); _senkouLow.Clear();
        _pendingA.Clear(); _pendingB.Clear(); _seen = 0;
    }
}
