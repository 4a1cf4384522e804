using System.Runtime.Intrinsics;

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
    private readonly double _decay, _inverse;
    private int _seen;

    /// <summary>Creates ADX(<paramref name="period"/>).</summary>
    public AverageDirectionalIndex(int period = 14)
    {
        Period = period >= 2 ? period : throw new ArgumentOutOfRangeException(nameof(period), "ADX needs a period of at least 2");
        _prevHigh = _prevLow = _prevClose = _plusDm = _minusDm = _tr = _adx = _dxSum = 0;
        _inverse = 1.0 / period;
        _decay = 1 - _inverse;
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
        int index = _seen++;
        if (index == 0)
        {
            (_prevHigh, _prevLow, _prevClose) = (bar.High, bar.Low, bar.Close);
            outputs[0] = outputs[1] = outputs[2] = double.NaN;
            return;
        }
        double up = bar.High - _prevHigh, down = _prevLow - bar.Low;
        // +DM = up when up > down and up > 0, else 0 (−DM likewise). Branch-free selects: on real
        // prices the comparisons are coin flips, and mispredicted branches cost more than the math.
        var u = Vector128.CreateScalarUnsafe(up);
        var d = Vector128.CreateScalarUnsafe(down);
        var zero = Vector128<double>.Zero;
        double plus = Vector128.ConditionalSelect(Vector128.GreaterThan(u, d) & Vector128.GreaterThan(u, zero), u, zero).ToScalar();
        double minus = Vector128.ConditionalSelect(Vector128.GreaterThan(d, u) & Vector128.GreaterThan(d, zero), d, zero).ToScalar();
        double tr = Math.Max(bar.High - bar.Low, Math.Max(Math.Abs(bar.High - _prevClose), Math.Abs(bar.Low - _prevClose)));
        (_prevHigh, _prevLow, _prevClose) = (bar.High, bar.Low, bar.Close);
        int n = Period;
        if (index < n)
        {
            _plusDm += plus; _minusDm += minus; _tr += tr;
            outputs[0] = outputs[1] = outputs[2] = double.NaN;
            return;
        }
        // Multiplying by (1 − 1/n) instead of subtracting x/n differs from TA-Lib only in the last
        // bits and saves divisions; the reference tests bound the difference.
        _plusDm = _plusDm * _decay + plus;
        _minusDm = _minusDm * _decay + minus;
        _tr = _tr * _decay + tr;
        double scale = _tr != 0 ? 100 / _tr : 0;
        double plusDi = _plusDm * scale, minusDi = _minusDm * scale;
        double diSum = plusDi + minusDi;
        double dx = diSum != 0 ? 100 * Math.Abs(plusDi - minusDi) / diSum : 0;
        double adx;
        if (index >= 2 * n - 1) adx = _adx = index == 2 * n - 1 ? (_dxSum + dx) * _inverse : _adx * _decay + dx * _inverse;
        else { _dxSum += dx; adx = double.NaN; }
        outputs[0] = adx;
        outputs[1] = plusDi;
        outputs[2] = minusDi;
    }

    /// <inheritdoc />
    public void Reset() { _prevHigh = _prevLow = _prevClose = _plusDm = _minusDm = _tr = _adx = _dxSum = 0; _seen = 0; }
}
