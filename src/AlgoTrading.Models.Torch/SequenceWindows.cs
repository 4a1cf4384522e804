namespace AlgoTrading.Models.Torch;

/// <summary>
/// Cuts sequence windows out of a row-major feature matrix. The window for row t holds rows
/// t − length + 1 … t, oldest first, so a prediction at t reads nothing after t; rows before
/// length − 1 have no complete window and are not predicted (NaN) nor trained on.
/// </summary>
internal static class SequenceWindows
{
    /// <summary>The first row that has a complete window.</summary>
    public static int FirstEndRow(int length) => length - 1;

    /// <summary>
    /// Copies the windows ending at <paramref name="endRows"/> into <paramref name="destination"/>
    /// (endRows.Length × length × columns, batch-first). A window is one contiguous run of rows.
    /// </summary>
    public static void Fill(ReadOnlySpan<float> rows, int columns, int length, ReadOnlySpan<int> endRows, Span<float> destination)
    {
        int window = length * columns;
        for (int i = 0; i < endRows.Length; i++)
        {
            int end = endRows[i];
            if (end < length - 1 || (end + 1) * columns > rows.Length)
                throw new ArgumentOutOfRangeException(nameof(endRows), $"row {end} has no complete window of {length} rows");
            rows.Slice((end - length + 1) * columns, window).CopyTo(destination.Slice(i * window, window));
        }
    }
}
