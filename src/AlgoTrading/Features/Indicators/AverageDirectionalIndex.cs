namespace AlgoTrading.Features.Indicators;

/// <summary>
/// ADX(n) with +DI and −DI, as TA-Lib. From bar 1: +DM = up move when it exceeds the down move and
/// is positive, −DM likewise, TR the true range. Wilder sums are seeded with the sum of the first
/// n − 1 values, then sum = sum − sum/n + x. +DI = 100·Σ+DM/ΣTR and −DI likewise (first at index n);
/// DX = 100·|+DI − −DI| / (+DI + −DI); ADX is the mean of the first n DX values (index 2n − 1), then
/// Wilder-smoothed. Outputs (adx, plus_di, minus_di), each on a 0–100 scale with its own warm-up.
/// </summary>
public struct AverageDirectionalIndex : IIndicatorKernel
{
    private double _prevHigh, _prevLow, _prevClose;
    private double _plusDm, _minusDm, _tr, _adx, _dxSum;
    private int _seen;

    /// <summary>Creates ADX(<paramref name="period"/>).</summary>
    public AverageDirectionalIndex(int period = 14)
    {
        Period = period >= 2 ? period : throw new ArgumentOutOfRangeException(nameof(period), "ADX needs a period of at least 2");
        _prevHigh = _prevLow = _prevClose = _plusDm = _minusDm = _tr = _adx = _dxSum = 0;
        _seen = 0;
    }

    /// <summary>The smoothing period.</summary>
    public int Period { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.HighLowClose;
    /// <inheritdoc />
    public readonly int OutputCount => 3;
    /// <inheritdoc />
    public readonly int WarmUp => 2 * Period - 1;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        outputs[0] = outputs[1] = outputs[2] = double.NaN;
        int index = _seen++;
        if (index == 0) { (_prevHigh, _prevLow, _prevClose) = (bar.High, bar.Low, bar.Close); return; }
        double up = bar.High - _prevHigh, down = _prevLow - bar.Low;
        double plus = up > 0 && up > down ? up : 0;
        double minus = down > 0 && down > up ? down : 0;
        double tr = Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - _prevClose), Math.Abs(bar.Low - _prevClose)));
        (_prevHigh, _prevLow, _prevClose) = (bar.High, bar.Low, bar.Close);
        int n = Period;
        if (index < n) { _plusDm += plus; _minusDm += minus; _tr += tr; return; }
        _plusDm = _plusDm - _plusDm / n + plus;
        _minusDm = _minusDm - _minusDm / n + minus;
        _tr = _tr - _tr / n + tr;
        double plusDi = _tr != 0 ? 100 * _plusDm / _tr : 0;
        double minusDi = _tr != 0 ? 100 * _minusDm / _tr : 0;
        outputs[1] = plusDi;
        outputs[2] = minusDi;
        double diSum = plusDi + minusDi;
        double dx = diSum != 0 ? 100 * Math.Abs(plusDi - minusDi) / diSum : 0;
        if (index < 2 * n - 1) { _dxSum += dx; return; }
        _adx = index == 2 * n - 1 ? (_dxSum + dx) / n : (_adx * (n - 1) + dx) / n;
        outputs[0] = _adx;
    }

    /// <inheritdoc />
    public void Reset() { _prevHigh = _prevLow = _prevClose = _plusDm = _minusDm = _tr = _adx = _dxSum = 0; _seen = 0; }
}
