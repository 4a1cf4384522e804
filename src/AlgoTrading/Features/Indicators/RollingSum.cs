using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AlgoTrading.Domain;
using static AlgoTrading.Domain.DecimalGrid;

namespace AlgoTrading.Features.Indicators;

/// <summary>
/// Sum and mean of the last N values in O(1), exact for values on a decimal grid: prices quoted
/// with a fixed number of decimals keep exact ties exact (two averages that are equal as decimals
/// compare equal as doubles, whatever the history before them).
/// </summary>
/// <remarks>
/// <para>Exact mode. Each value x is read as the integer q = x·10^p, where p, the precision, is the
/// fewest decimals (inferred from the data, growing as needed) for which x is the double nearest to
/// q/10^p. The window's sum of those integers is kept in a double, which holds integers below 2^53
/// exactly, so adding and dropping values never rounds and cannot drift. <see cref="Sum"/> and
/// <see cref="Mean"/> are then one correctly rounded division of that exact integer: the double
/// nearest to the exact decimal sum or mean, the same value a from-scratch computation in exact
/// arithmetic rounds to, independent of p and of the order the values arrived in.</para>
/// <para>Running mode. A value on no grid (a derived series such as |Δx|, a square, or a product;
/// NaN; or integers that would reach 2^53 over the window) switches the window to a plain running
/// sum, <c>sum + (value − dropped)</c>, recomputed from the window every 4,096 pushes so rounding
/// cannot accumulate. That recomputation also retries exact mode, so a window returns to it once
/// the odd values have left. Everything is deterministic: streaming and batch agree bit for bit.</para>
/// </remarks>
internal struct RollingSum
{
    private const int ResyncEvery = 4096;
    private readonly double[] _items;
    private readonly double _limit;      // largest |q|: window sums stay within 2^52, differences of two within 2^53
    private int _next, _count, _untilResync;
    private double _scale;               // 10^precision; 0 in running mode
    private double _units;               // exact mode: Σ q; running mode: Σ x
    private int _precision;

    /// <summary>A window of <paramref name="period"/> values.</summary>
    public RollingSum(int period)
    {
        if (period < 1) throw new ArgumentOutOfRangeException(nameof(period), period, "must be at least 1");
        _items = new double[period];
        _limit = Math.Floor(4503599627370496.0 / period);
        _next = _count = 0;
        _untilResync = ResyncEvery;
        _precision = 0;
        _scale = 1;
        _units = 0;
    }

    /// <summary>Values in the window.</summary>
    public readonly int Count => _count;
    /// <summary>Whether the window is full.</summary>
    public readonly bool IsFull => _count == _items.Length;
    /// <summary>Sum of the window: in exact mode the double nearest to the exact decimal sum.</summary>
    public readonly double Sum => _scale != 0 ? _units / _scale : _units;
    /// <summary>Mean of the values in the window (NaN when empty): in exact mode the double nearest to the exact decimal mean.</summary>
    public readonly double Mean => _scale != 0 ? _units / (_scale * _count) : _units / _count;
    /// <summary>Whether the sum is exact (every value in the window on a decimal grid) rather than a running sum.</summary>
    public readonly bool IsExact => _scale != 0;
    /// <summary>Decimals of the grid in exact mode (the fewest that represent every value seen since the last recomputation).</summary>
    public readonly int Precision => _precision;

    /// <summary>The value <paramref name="ago"/> pushes back (0 = the newest).</summary>
    public readonly double Ago(int ago)
    {
        if ((uint)ago >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(ago));
        int i = _next - 1 - ago;
        return _items[i < 0 ? i + _items.Length : i];
    }

    /// <summary>Adds a value, dropping the oldest once full.</summary>
    /// <remarks>Inlined into every moving average's update: the rare paths are calls.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(double value)
    {
        var items = _items;
        int next = _next;
        double dropped = items[next]; // 0 until the window is full (the array starts zeroed)
        double scale = _scale;
        if (scale != 0)
        {
            double q = Math.Round(value * scale);
            if (!OnGrid(value, q, scale) || Math.Abs(q) > _limit) { PushOffGrid(value); return; }
            // The dropped value was on this grid (or a coarser one), so its integer is recovered exactly.
            _units += q - Math.Round(dropped * scale);
        }
        else _units += value - dropped;
        items[next] = value;
        if (++next == items.Length) next = 0;
        _next = next;
        if (_count < items.Length) _count++;
        if (--_untilResync == 0) ScheduledResync();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ScheduledResync() { _untilResync = ResyncEvery; Resync(); }

    /// <summary>A value off the current grid: refine the grid if a finer one holds the whole window, else run.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PushOffGrid(double value)
    {
        // Leave the slot of the dropped value free, then decide the mode from the window plus the new value.
        var items = _items;
        int next = _next;
        items[next] = value;
        if (++next == items.Length) next = 0;
        _next = next;
        if (_count < items.Length) _count++;
        Resync();
        if (--_untilResync == 0) _untilResync = ResyncEvery; // keeps the every-4,096-pushes rhythm
    }

    /// <summary>
    /// Recomputes the sum from the window: exact on the current grid or the first finer one that
    /// holds every value, else a running sum.
    /// </summary>
    private void Resync()
    {
        var items = _items;
        for (int precision = _scale != 0 ? _precision : 0; precision <= MaxPrecision; precision++)
        {
            double scale = PowersOfTen[precision], units = 0;
            bool onGrid = true, tooLarge = false;
            for (int k = 0; k < _count && onGrid && !tooLarge; k++)
            {
                double q = Math.Round(items[k] * scale);
                onGrid = OnGrid(items[k], q, scale);
                tooLarge = Math.Abs(q) > _limit;
                units += q;
            }
            if (tooLarge) break; // finer grids only make the integers larger
            if (!onGrid) continue;
            (_precision, _scale, _units) = (precision, scale, units);
            return;
        }
        // Oldest to newest, so the rounding does not depend on where the ring happens to start.
        double sum = 0;
        for (int k = _count - 1; k >= 0; k--) sum += Ago(k);
        (_precision, _scale, _units) = (0, 0, sum);
    }

    /// <summary>
    /// Pushes every value of <paramref name="values"/> and writes, for each, the mean of the window
    /// after it (NaN until full): bit for bit what <see cref="Push"/> then <see cref="Mean"/> give.
    /// Once the window is full and exact, an array loop runs instead, four values at a time: the
    /// window's integer sum only ever adds integers below 2^53, so summing the changes in any order
    /// (a prefix sum within each vector) gives the same exact sums as adding them one by one.
    /// </summary>
    /// <remarks>
    /// Compiled fully optimised on its first call, like the array loops it calls: in running mode its
    /// own loop turns once per 4,096 values, and as tiered code it would run at tier 0 and through
    /// on-stack replacement first, at a point that depends on the process's timing.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void PushMeans(ReadOnlySpan<double> values, Span<double> means)
    {
        int period = _items.Length, i = 0, n = values.Length;
        if (means.Length < n) throw new ArgumentException("the output is shorter than the input", nameof(means));
        while (i < n)
        {
            // From the period-th value on, the window holds values[i − period .. i − 1].
            if (i >= period)
            {
                int end = _scale != 0 ? ExactMeans(values, means, i) : RunningMeans(values, means, i);
                if (end > i)
                {
                    values.Slice(end - period, period).CopyTo(_items);
                    _next = 0;
                    // Recomputing an exact window changes nothing, so only the rhythm of the count-down is kept.
                    int m = (end - i) % ResyncEvery;
                    _untilResync = m < _untilResync ? _untilResync - m : _untilResync - m + ResyncEvery;
                    i = end;
                    continue;
                }
            }
            Push(values[i]);
            means[i] = IsFull ? Mean : double.NaN;
            i++;
        }
    }

    /// <summary>
    /// The array loop of <see cref="PushMeans"/> in running mode, up to the push before the next
    /// recomputation (which <see cref="Push"/> then does): the running sums in order, then the
    /// divisions four at a time. Returns where it stopped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RunningMeans(ReadOnlySpan<double> x, Span<double> means, int start)
    {
        int period = _items.Length, end = start + Math.Min(x.Length - start, _untilResync - 1);
        if (means.Length < end) throw new ArgumentException("the output is shorter than the input", nameof(means));
        // Offsets from start: x0[k] = x[start + k], old0[k] = x[start + k − period] (start ≥ period).
        ref double x0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), start);
        ref double y0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(means), start);
        ref double old0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), start - period);
        double sum = _units, count = period;
        int k = 0, length = end - start;
        if (Vector256.IsHardwareAccelerated)
        {
            // Four sums in order, then their four divisions at once, which overlap the next four sums.
            var divisor = Vector256.Create(count);
            for (; k + 4 <= length; k += 4)
            {
                double s0 = sum + (Unsafe.Add(ref x0, k) - Unsafe.Add(ref old0, k));
                double s1 = s0 + (Unsafe.Add(ref x0, k + 1) - Unsafe.Add(ref old0, k + 1));
                double s2 = s1 + (Unsafe.Add(ref x0, k + 2) - Unsafe.Add(ref old0, k + 2));
                sum = s2 + (Unsafe.Add(ref x0, k + 3) - Unsafe.Add(ref old0, k + 3));
                (Vector256.Create(s0, s1, s2, sum) / divisor).StoreUnsafe(ref y0, (nuint)k);
            }
        }
        for (; k < length; k++) Unsafe.Add(ref y0, k) = (sum += Unsafe.Add(ref x0, k) - Unsafe.Add(ref old0, k)) / count;
        _units = sum;
        return end;
    }

    /// <summary>The array loop of <see cref="PushMeans"/>: runs from <paramref name="start"/> to the first value off the grid; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ExactMeans(ReadOnlySpan<double> x, Span<double> means, int start)
    {
        int period = _items.Length, n = x.Length, i = start;
        double scale = _scale, limit = _limit, divisor = scale * period, units = _units;
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(means);
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(scale);
            var tolerance = Vector256.Create(scale * TwoToMinus53);
            var lim = Vector256.Create(limit);
            var d = Vector256.Create(divisor);
            var exponentMask = Vector256.Create(ExponentBits).AsDouble();
            var keep1 = Vector256.Create(0L, -1, -1, -1).AsDouble();
            var keep2 = Vector256.Create(0L, 0, -1, -1).AsDouble();
            var sum = Vector256.Create(units);
            for (; i + 4 <= n; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref x0, (nuint)i);
                var q = Vector256.Round(v * s);
                var onGrid = Vector256.LessThanOrEqual(Vector256.Abs(Vector256.FusedMultiplyAdd(v, s, -q)), (v & exponentMask) * tolerance) // OnGrid, four at a time
                           & Vector256.LessThanOrEqual(Vector256.Abs(q), lim);
                if (Vector256.ExtractMostSignificantBits(onGrid) != 0b1111) break; // (as doubles the all-ones mask is a NaN: never equal)
                var delta = q - Vector256.Round(Vector256.LoadUnsafe(ref x0, (nuint)(i - period)) * s);
                delta += Vector256.Shuffle(delta, Vector256.Create(0L, 0, 1, 2)) & keep1; // a, a+b, b+c, c+d
                delta += Vector256.Shuffle(delta, Vector256.Create(0L, 0, 0, 1)) & keep2; // a, a+b, a+b+c, a+b+c+d
                sum = Vector256.Shuffle(sum, Vector256.Create(3L)) + delta;               // the last window's sum carried in
                (sum / d).StoreUnsafe(ref y0, (nuint)i);
            }
            units = sum.GetElement(3);
        }
        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref x0, i), q = Math.Round(v * scale);
            if (!OnGrid(v, q, scale) || Math.Abs(q) > limit) break;
            units += q - Math.Round(Unsafe.Add(ref x0, i - period) * scale);
            Unsafe.Add(ref y0, i) = units / divisor;
        }
        _units = units;
        return i;
    }

    /// <summary>Empties the window.</summary>
    public void Clear()
    {
        Array.Clear(_items); // the empty slots must read 0 again (see Push)
        _next = _count = 0;
        _untilResync = ResyncEvery;
        (_precision, _scale, _units) = (0, 1, 0);
    }
}
