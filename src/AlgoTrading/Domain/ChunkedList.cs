using System.Collections;

namespace AlgoTrading.Domain;

/// <summary>
/// An append-only list of structs kept in fixed-size chunks: adding never copies what is already
/// there, so a list that grows to megabytes (a backtest's trades) costs its own size in memory, where
/// a <see cref="List{T}"/> of the same size allocates about twice that while it doubles, each new
/// array on the large object heap. Indexing is a shift and a mask.
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T> where T : struct
{
    // 2^9 elements a chunk: a 100-byte struct makes ~50 KB chunks, below the large object heap's 85 KB.
    private const int Shift = 9, ChunkSize = 1 << Shift, Mask = ChunkSize - 1;
    private T[][] _chunks = new T[4][];
    private int _count;

    /// <summary>Elements added so far.</summary>
    public int Count => _count;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => (uint)index < (uint)_count ? _chunks[index >> Shift][index & Mask] : throw new ArgumentOutOfRangeException(nameof(index), index, $"{_count} elements");

    /// <summary>Replaces the element at <paramref name="index"/> (a record that changed after it was added).</summary>
    public void Set(int index, in T item)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"{_count} elements");
        _chunks[index >> Shift][index & Mask] = item;
    }

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(in T item)
    {
        int chunk = _count >> Shift;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        (_chunks[chunk] ??= new T[ChunkSize])[_count & Mask] = item;
        _count++;
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < _count; i++) yield return _chunks[i >> Shift][i & Mask];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
