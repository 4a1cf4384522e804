namespace AlgoTrading.Time;

/// <summary>
/// Times as the library keeps them (UTC ticks, <see cref="DateTime.Ticks"/>) turned into <see cref="DateTime"/>s
/// of kind <see cref="DateTimeKind.Utc"/> for what needs them: charts, data frames, Parquet columns.
/// </summary>
public static class UtcTicks
{
    /// <summary>A new array with one UTC <see cref="DateTime"/> per tick value of <paramref name="ticks"/>, in order.</summary>
    public static DateTime[] ToDateTimes(ReadOnlySpan<long> ticks)
    {
        var times = new DateTime[ticks.Length];
        for (int i = 0; i < ticks.Length; i++) times[i] = new DateTime(ticks[i], DateTimeKind.Utc);
        return times;
    }
}
