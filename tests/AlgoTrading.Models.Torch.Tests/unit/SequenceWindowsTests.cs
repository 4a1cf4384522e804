namespace AlgoTrading.Models.Torch.Tests.Unit;

public sealed class SequenceWindowsTests
{
    // 5 rows × 2 columns, row r = (10r, 10r + 1).
    private static readonly float[] Rows = [0, 1, 10, 11, 20, 21, 30, 31, 40, 41];

    [Fact]
    public void The_window_for_row_t_is_rows_t_minus_length_plus_one_to_t_oldest_first()
    {
        var windows = new float[2 * 3 * 2];
        SequenceWindows.Fill(Rows, columns: 2, length: 3, endRows: [2, 4], windows);

        Assert.Equal(new float[] { 0, 1, 10, 11, 20, 21, /* | */ 20, 21, 30, 31, 40, 41 }, windows);
        Assert.Equal(2, SequenceWindows.FirstEndRow(3));
    }

    [Fact]
    public void A_row_without_enough_history_has_no_window()
    {
        var windows = new float[6];
        Assert.Throws<ArgumentOutOfRangeException>(() => SequenceWindows.Fill(Rows, 2, 3, [1], windows));
    }

    [Fact]
    public void Changing_rows_after_t_leaves_the_window_for_t_unchanged()
    {
        var before = new float[6];
        SequenceWindows.Fill(Rows, 2, 3, [3], before);
        var future = (float[])Rows.Clone();
        future[8] = future[9] = 999; // row 4
        var after = new float[6];
        SequenceWindows.Fill(future, 2, 3, [3], after);

        Assert.Equal(before, after);
    }
}
