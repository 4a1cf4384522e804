namespace AlgoTrading.Backtesting.Metrics;

/// <summary>
/// Thins a long curve (equity, drawdown) for a file or a chart without moving its extremes: the
/// points are cut into buckets, and each bucket keeps its first, lowest, highest and last point, in
/// time order (the M4 aggregation). A chart drawn from the kept points touches the same highs and lows as the full curve
/// (a pixel column cannot show more than its range). Indices a caller must keep (the peak and
/// trough of the maximum drawdown, which need not be a bucket's extreme) are merged in.
/// </summary>
public static class ExtremaDownsampler
{
    /// <summary>
    /// Indices (ascending, distinct) of at most about <paramref name="maxPoints"/> points of
    /// <paramref name="values"/> plus <paramref name="keep"/>: every index when the curve is short enough,
    /// otherwise the first, lowest, highest and last point of each of <paramref name="maxPoints"/>/4 equal-count buckets.
    /// </summary>
    public static int[] ByCount(ReadOnlySpan<double> values, int maxPoints, ReadOnlySpan<int> keep = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        int n = values.Length;
        if (n <= maxPoints) return Every(n);
        int buckets = maxPoints / 4;
        var result = new List<int>(buckets * 4 + keep.Length);
        for (int b = 0; b < buckets; b++)
            AddBucket(values, (int)((long)b * n / buckets), (int)((long)(b + 1) * n / buckets), result);
        return Merge(result, keep);
    }

    /// <summary>
    /// Indices (ascending, distinct) of the first, lowest, highest and last point of <paramref name="values"/> in each
    /// time bucket of <paramref name="bucketTicks"/> (buckets start at multiples of it, UTC), plus <paramref name="keep"/>;
    /// every index when there are at most <paramref name="fullUpTo"/> points.
    /// </summary>
    public static int[] ByTime(ReadOnlySpan<long> timeTicks, ReadOnlySpan<double> values, long bucketTicks, int fullUpTo, ReadOnlySpan<int> keep = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketTicks, 1);
        int n = values.Length;
        if (n <= fullUpTo) return Every(n);
        var result = new List<int>();
        int start = 0;
        for (int i = 1; i <= n; i++)
        {
            if (i < n && timeTicks[i] / bucketTicks == timeTicks[start] / bucketTicks) continue;
            AddBucket(values, start, i, result);
            start = i;
        }
        return Merge(result, keep);
    }

    private static int[] Every(int n)
    {
        var all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        return all;
    }

    private static void AddBucket(ReadOnlySpan<double> values, int from, int to, List<int> result)
    {
        if (to <= from) return;
        int low = from, high = from, last = to - 1;
        for (int i = from + 1; i < to; i++)
        {
            if (values[i] < values[low]) low = i;
            if (values[i] > values[high]) high = i;
        }
        // In time order, each once: a chart joins them left to right.
        int a = Math.Min(low, high), b = Math.Max(low, high);
        result.Add(from);
        if (a != from) result.Add(a);
        if (b != a) result.Add(b);
        if (last != b) result.Add(last);
    }

    // The picked indices are ascending and distinct already (buckets in order, each bucket's points in time order),
    // so the few kept ones are merged in one pass (a sorted set of ~70,000 indices was most of the coarse
    // equity file's cost).
    private static int[] Merge(List<int> picked, ReadOnlySpan<int> keep)
    {
        if (keep.IsEmpty) return [.. picked];
        var extra = new List<int>(keep.Length);
        foreach (int k in keep) if (k >= 0) extra.Add(k);
        extra.Sort();
        var merged = new List<int>(picked.Count + extra.Count);
        int e = 0;
        foreach (int p in picked)
        {
            for (; e < extra.Count && extra[e] <= p; e++) Add(merged, extra[e]);
            Add(merged, p);
        }
        for (; e < extra.Count; e++) Add(merged, extra[e]);
        return [.. merged];
    }

    private static void Add(List<int> ascending, int index)
    {
        if (ascending.Count == 0 || ascending[^1] != index) ascending.Add(index);
    }
}
