namespace AlgoTrading.Features.Labels;

/// <summary>
/// A label per bar with the time it became known. <see cref="EndTime"/>[t] is the bar-start time of
/// the last bar the label of t depends on (long.MaxValue when the label is undefined): a training
/// sample t must be purged from a training set when that end time reaches into the test period.
/// </summary>
public sealed record LabelSeries(string Name, long[] Time, double[] Values, long[] EndTime)
{
    /// <summary>Number of bars.</summary>
    public int Count => Values.Length;

    /// <summary>Indices of samples whose label window [Time, EndTime] overlaps [<paramref name="fromTicks"/>, <paramref name="toTicks"/>].</summary>
    public IEnumerable<int> Overlapping(long fromTicks, long toTicks)
    {
        for (int i = 0; i < Count; i++)
            if (EndTime[i] != long.MaxValue && Time[i] <= toTicks && EndTime[i] >= fromTicks) yield return i;
    }
}
