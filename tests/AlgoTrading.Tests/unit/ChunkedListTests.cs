using System.Runtime.CompilerServices;
using AlgoTrading.Domain;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The chunked list behind a run's trades and order records: it reads back what was added, and a
/// collected list's chunks serve the next list, which still reads only its own elements.
/// </summary>
public class ChunkedListTests
{
    // Element types of their own: the pool is per element type, so no other test takes these chunks.
    private readonly record struct Row(long Id, string Name, double Value);
    private readonly record struct Other(long Id, string Name);

    [Fact]
    public void Reads_back_every_element_across_chunks_and_replaces_one()
    {
        var list = new ChunkedList<Other>();
        for (int i = 0; i < 1_500; i++) list.Add(new Other(i, $"o{i}"));
        list.Set(700, new Other(-1, "changed"));

        Assert.Equal(1_500, list.Count);
        Assert.Equal(new Other(0, "o0"), list[0]);
        Assert.Equal(new Other(511, "o511"), list[511]);
        Assert.Equal(new Other(512, "o512"), list[512]);
        Assert.Equal(new Other(-1, "changed"), list[700]);
        Assert.Equal(new Other(1_499, "o1499"), list[1_499]);
        Assert.Equal(Enumerable.Range(0, 1_500).Select(i => i == 700 ? -1L : i), list.Select(o => o.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[1_500]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Set(1_500, default));
    }

    [Fact]
    public void A_collected_lists_chunks_serve_the_next_list_which_reads_only_its_own_elements()
    {
        int before = ChunkedList<Row>.PooledChunks;
        FillAndDrop(1_200); // three chunks of 512
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(before + 3, ChunkedList<Row>.PooledChunks);

        // The next list takes the used chunks back uncleared; it sees its own rows only.
        var next = new ChunkedList<Row>();
        for (int i = 0; i < 600; i++) next.Add(new Row(10_000 + i, "next", -i));
        Assert.Equal(before + 1, ChunkedList<Row>.PooledChunks);
        Assert.Equal(600, next.Count);
        Assert.Equal(Enumerable.Range(0, 600).Select(i => new Row(10_000 + i, "next", -i)), next);
        Assert.Throws<ArgumentOutOfRangeException>(() => next[600]);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FillAndDrop(int count)
    {
        var list = new ChunkedList<Row>();
        for (int i = 0; i < count; i++) list.Add(new Row(i, "dropped", i * 0.5));
        Assert.Equal(count, list.Count);
    }
}
