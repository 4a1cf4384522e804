using System.Runtime.CompilerServices;
using AlgoTrading.Domain;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The chunked list behind a run's trades and order records: it reads back what was added, a collected
/// list's chunks serve the next list, which still reads only its own elements, and the pool keeps no more
/// than its cap.
/// </summary>
public class ChunkedListTests
{
    // Element types of their own: the pool is per element type, so no other test takes these chunks.
    private readonly record struct Row(long Id, string Name, double Value);
    private readonly record struct Other(long Id, string Name);
    [System.Runtime.CompilerServices.InlineArray(128)] private struct Kilobyte { private long _first; }

    [Fact]
    public void Reads_back_every_element_across_chunks_and_replaces_one()
    {
        var list = new ChunkedList<Other>();
        for (int i = 0; i < 3_000; i++) list.Add(new Other(i, $"o{i}")); // six chunks: the chunk table grows past its first four
        list.Set(700, new Other(-1, "changed"));

        Assert.Equal(3_000, list.Count);
        Assert.Equal(new Other(0, "o0"), list[0]);
        Assert.Equal(new Other(511, "o511"), list[511]);
        Assert.Equal(new Other(512, "o512"), list[512]);
        Assert.Equal(new Other(-1, "changed"), list[700]);
        Assert.Equal(new Other(2_999, "o2999"), list[2_999]);
        Assert.Equal(Enumerable.Range(0, 3_000).Select(i => i == 700 ? -1L : i), list.Select(o => o.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => list[3_000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Set(3_000, default));
    }

    [Fact]
    public void A_collected_lists_chunks_serve_the_next_list_which_reads_only_its_own_elements()
    {
        GC.Collect(); // a list of Row dropped earlier in this process gives its chunks back first
        GC.WaitForPendingFinalizers();
        int before = ChunkPool<Row>.Count;
        FillAndDrop(1_200); // three chunks of 512
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(before + 3, ChunkPool<Row>.Count);

        // The next list takes the used chunks back uncleared; it sees its own rows only.
        var next = new ChunkedList<Row>();
        for (int i = 0; i < 600; i++) next.Add(new Row(10_000 + i, "next", -i));
        Assert.Equal(before + 1, ChunkPool<Row>.Count);
        Assert.Equal(600, next.Count);
        Assert.Equal(Enumerable.Range(0, 600).Select(i => new Row(10_000 + i, "next", -i)), next);
        Assert.Throws<ArgumentOutOfRangeException>(() => next[600]);
    }

    [Fact]
    public void The_pool_keeps_no_more_than_its_cap()
    {
        // 4 MB chunks (4,096 elements of 1 KB): 17 of them are 68 MB, one more than 64 MB allows.
        var chunks = Enumerable.Range(0, 17).Select(_ => ChunkPool<Kilobyte>.Rent(4_096)).ToArray();
        Assert.Equal(0, ChunkPool<Kilobyte>.Count);
        ChunkPool<Kilobyte>.Return(chunks);
        Assert.Equal(ChunkPool<Kilobyte>.MaxBytes / (4_096 * 1_024), ChunkPool<Kilobyte>.Count);
        // What it kept is what the next ones get; a chunk of another size is not served from it.
        Assert.Same(chunks[15], ChunkPool<Kilobyte>.Rent(4_096));
        Assert.Equal(512, ChunkPool<Kilobyte>.Rent(512).Length);
        while (ChunkPool<Kilobyte>.Count > 0) ChunkPool<Kilobyte>.Rent(4_096);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FillAndDrop(int count)
    {
        var list = new ChunkedList<Row>();
        for (int i = 0; i < count; i++) list.Add(new Row(i, "dropped", i * 0.5));
        Assert.Equal(count, list.Count);
    }
}
