namespace AlgoTrading.Tests.Unit;

/// <summary>The column allocator behind loaded series and equity curves.</summary>
public class ColumnAllocatorTests
{
    [Theory]
    [InlineData(10)]                 // a plain array
    [InlineData(3_000_000)]          // 24 MB: pinned and advised for huge pages on Linux
    public void Column_allocator_gives_exact_lengths_and_growth_keeps_the_prefix(int length)
    {
        var column = ColumnAllocator.Allocate<double>(length);
        Assert.Equal(length, column.Length);
        for (int i = 0; i < length; i++) column[i] = i * 0.5;
        ColumnAllocator.Grow(ref column, length, length * 2);
        Assert.Equal(2 * length, column.Length);
        for (int i = 0; i < length; i += Math.Max(1, length / 1000)) Assert.Equal(i * 0.5, column[i]);
        Assert.Equal((length - 1) * 0.5, column[length - 1]);
    }
}
