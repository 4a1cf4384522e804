using System.Collections;

namespace AlgoTrading.Domain;

/// <summary>
/// An append-only list of structs kept in fixed-size chunks: adding never copies what is already
/// there, so a list that grows to megabytes (a backtest's trades) costs its own size in memory, where
/// a <see cref="List{T}"/> of the same size allocates about twice that while it doubles, each new
/// array on the large object heap. Indexing is a shift and a mask.
/// </summary>
/// <remarks>
/// When a list is collected its chunks go to <see cref="ChunkPool{T}"/>, which the next list of the same
/// element type takes them from. A run's trades and order records are megabytes of memory that every
/// run would otherwise get fresh: zeroed by the collector and faulted in page by page, which cost a
/// 1M-bar backtest about a fifth of its time, more than filling them. Runs after the first in a process
/// (a walk-forward, a parameter grid, a benchmark) write into memory already mapped. This is safe because
/// the chunks never leave the list: readers get copies of elements (the indexer keeps the list alive
/// until its element is copied, and an enumerator holds its list), so the finaliser cannot give a chunk
/// away under a reader. One case it cannot cover: the finaliser of another object collected together
/// with a list may run after the list's, so no finaliser may read a result's trades or orders.
/// </remarks>
internal sealed class ChunkedList<T> : IReadOnlyList<T> where T : struct
{
    // 2^9 elements a chunk: a 100-byte struct makes ~50 KB chunks, below the large object heap's 85 KB.
    private const int Shift = 9, ChunkSize = 1 << Shift, Mask = ChunkSize - 1;

    private T[][] _chunks = new T[4][];
    private int _count;

    /// <summary>Gives the chunks to the pool for the next list.</summary>
    ~ChunkedList()
    {
        if (_chunks is not null) ChunkPool<T>.Return(_chunks); // null only if the constructor failed
    }

    /// <summary>Elements added so far.</summary>
    public int Count => _count;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"{_count} elements");
            var item = _chunks[index >> Shift][index & Mask];
            GC.KeepAlive(this); // not finalised (its chunk given away) before the element is copied
            return item;
        }
    }

    /// <summary>Replaces the element at <paramref name="index"/> (a record that changed after it was added).</summary>
    public void Set(int index, in T item)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"{_count} elements");
        _chunks[index >> Shift][index & Mask] = item;
        GC.KeepAlive(this);
    }

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(in T item)
    {
        int chunk = _count >> Shift;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        (_chunks[chunk] ??= ChunkPool<T>.Rent(ChunkSize))[_count & Mask] = item;
        _count++;
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < _count; i++) yield return _chunks[i >> Shift][i & Mask];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
