using System.Runtime.CompilerServices;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// Plain single-loop implementations of the benchmarked indicators, written the way TA-Lib's C
/// functions compute them (one running total or one smoothed value per loop, divisions where TA-Lib
/// divides), as an in-process yardstick measured beside ours in the same process and on the same
/// buffers. Not used for correctness: the reference tests compare against TA-Lib's own values.
/// Compiled fully optimised from the first call, as a C compiler would.
/// </summary>
internal static class ReferenceIndicators
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sma(ReadOnlySpan<double> x, Span<double> y, int period)
    {
        double total = 0;
        for (int i = 0; i < period - 1; i++) { total += x[i]; y[i] = double.NaN; }
        for (int i = period - 1, trailing = 0; i < x.Length; i++, trailing++)
        {
            total += x[i];
            double sum = total;
            total -= x[trailing];
            y[i] = sum / period;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Ema(ReadOnlySpan<double> x, Span<double> y, int period)
    {
        double k = 2.0 / (period + 1), previous = 0;
        for (int i = 0; i < period; i++) { previous += x[i]; y[i] = double.NaN; }
        previous /= period;
        y[period - 1] = previous;
        for (int i = period; i < x.Length; i++) y[i] = previous = (x[i] - previous) * k + previous;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rsi(ReadOnlySpan<double> x, Span<double> y, int period)
    {
        double gain = 0, loss = 0, previous = x[0];
        y[0] = double.NaN;
        for (int i = 1; i <= period; i++)
        {
            double change = x[i] - previous;
            previous = x[i];
            if (change < 0) loss -= change; else gain += change;
            y[i] = double.NaN;
        }
        gain /= period; loss /= period;
        y[period] = gain + loss != 0 ? 100 * (gain / (gain + loss)) : 0;
        for (int i = period + 1; i < x.Length; i++)
        {
            double change = x[i] - previous;
            previous = x[i];
            gain *= period - 1; loss *= period - 1;
            if (change < 0) loss -= change; else gain += change;
            gain /= period; loss /= period;
            double total = gain + loss;
            y[i] = total != 0 ? 100 * (gain / total) : 0;
        }
    }

    /// <summary>TA-Lib's ATR: the true ranges into a scratch buffer (kept between calls), then Wilder's average.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Atr(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> y, Span<double> scratch, int period)
    {
        int n = close.Length;
        for (int i = 1; i < n; i++)
        {
            double h = high[i], l = low[i], c = close[i - 1];
            double range = h - l, up = Math.Abs(h - c), down = Math.Abs(l - c);
            if (up > range) range = up;
            if (down > range) range = down;
            scratch[i] = range;
        }
        double atr = 0;
        for (int i = 1; i <= period; i++) atr += scratch[i];
        atr /= period;
        for (int i = 0; i < period; i++) y[i] = double.NaN;
        y[period] = atr;
        for (int i = period + 1; i < n; i++) y[i] = atr = (atr * (period - 1) + scratch[i]) / period;
    }

    /// <summary>TA-Lib's ADX (the ADX output only): Wilder sums of ±DM and TR, DX, then Wilder's average of DX.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adx(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> y, int period)
    {
        int n = close.Length;
        double plusDm = 0, minusDm = 0, tr = 0, prevHigh = high[0], prevLow = low[0], prevClose = close[0];
        int i = 1;
        for (; i < period; i++)
        {
            Next(high, low, close, i, out double p, out double m, out double r, ref prevHigh, ref prevLow, ref prevClose);
            plusDm += p; minusDm += m; tr += r;
        }
        double dxSum = 0, adx = 0;
        for (int k = 0; k < Math.Min(2 * period - 1, n); k++) y[k] = double.NaN;
        for (; i < n; i++)
        {
            Next(high, low, close, i, out double p, out double m, out double r, ref prevHigh, ref prevLow, ref prevClose);
            plusDm = plusDm - plusDm / period + p;
            minusDm = minusDm - minusDm / period + m;
            tr = tr - tr / period + r;
            double dx = 0;
            if (tr != 0)
            {
                double plusDi = 100 * (plusDm / tr), minusDi = 100 * (minusDm / tr), sum = plusDi + minusDi;
                if (sum != 0) dx = 100 * (Math.Abs(plusDi - minusDi) / sum);
            }
            if (i < 2 * period - 1) dxSum += dx;
            else if (i == 2 * period - 1) y[i] = adx = (dxSum + dx) / period;
            else y[i] = adx = (adx * (period - 1) + dx) / period;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Next(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int i, out double plus, out double minus, out double range,
        ref double prevHigh, ref double prevLow, ref double prevClose)
    {
        double up = high[i] - prevHigh, down = prevLow - low[i];
        plus = up > 0 && up > down ? up : 0;
        minus = down > 0 && down > up ? down : 0;
        range = Math.Max(high[i] - low[i], Math.Max(Math.Abs(high[i] - prevClose), Math.Abs(low[i] - prevClose)));
        (prevHigh, prevLow, prevClose) = (high[i], low[i], close[i]);
    }

    /// <summary>
    /// A streaming SMA as a running sum over a ring buffer, <c>sum + (value − dropped)</c> (the
    /// library's arithmetic before exact sums): the yardstick for what exactness costs per bar.
    /// </summary>
    public struct RunningSma(int period)
    {
        private readonly double[] _items = new double[period];
        private int _next, _count;
        private double _sum;

        public double Next(double value)
        {
            _sum += value - _items[_next];
            _items[_next] = value;
            if (++_next == _items.Length) _next = 0;
            if (_count < _items.Length) _count++;
            return _count == _items.Length ? _sum / _items.Length : double.NaN;
        }
    }
}
