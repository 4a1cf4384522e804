using System.Buffers;

namespace AlgoTrading.Backtesting;

/// <summary>
/// An append-only store of fixed-size rows without references, kept in chunks of 4,096 rows that
/// are never copied or resized. A doubling array would allocate (and, on first touch, fault in)
/// about three times the memory the rows need and copy every row log2(n) times; chunks allocate
/// what is used.
/// </summary>
/// <remarks>
/// The chunks are rented from <see cref="ArrayPool{T}.Shared"/> and given back by
/// <see cref="Release"/>, which the owning log calls when the garbage collector finalises it. Memory
/// a finished run has used is then reused by the next run instead of being handed back to the
/// operating system and faulted in again (one page fault per 4 KB; see
/// <see cref="Domain.ColumnAllocator"/>). This is safe because the chunks never leave the store:
/// readers get copies of rows, never the arrays; and an owner's method that reads rows keeps the
/// owner alive until it has copied them (<see cref="GC.KeepAlive"/>), since the finaliser may
/// otherwise run as soon as the owner's last reference has been read.
/// </remarks>
internal sealed class RowStore<T> where T : unmanaged
{
    private const int Shift = 12, ChunkRows = 1 << Shift, Mask = ChunkRows - 1;
    private T[][] _chunks = new T[8][];
    private int _count;

    /// <summary>Rows stored.</summary>
    public int Count => _count;

    /// <summary>Appends an uninitialised row and returns it to be filled; its index is <see cref="Count"/> − 1.</summary>
    public ref T Append()
    {
        int index = _count, chunk = index >> Shift;
        if ((index & Mask) == 0) AddChunk(chunk);
        _count = index + 1;
        return ref _chunks[chunk][index & Mask];
    }

    /// <summary>The row at <paramref name="index"/>; callers pass indices below <see cref="Count"/>.</summary>
    public ref T this[int index] => ref _chunks[index >> Shift][index & Mask];

    /// <summary>Returns the chunks to the pool. Only for the owner's finaliser: the store holds no rows afterwards.</summary>
    public void Release()
    {
        var chunks = _chunks;
        _chunks = [];
        _count = 0;
        foreach (var chunk in chunks)
            if (chunk is not null) ArrayPool<T>.Shared.Return(chunk);
    }

    private void AddChunk(int chunk)
    {
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, chunk * 2);
        var rented = ArrayPool<T>.Shared.Rent(ChunkRows);
        _chunks[chunk] = rented.Length == ChunkRows ? rented : throw new InvalidOperationException($"the array pool returned {rented.Length} rows for {ChunkRows}");
    }
}
