using System.Runtime.CompilerServices;

namespace AlgoTrading.Domain;

/// <summary>
/// The chunks of collected <see cref="ChunkedList{T}"/>s, kept for the next list of the same element type:
/// a list gives its chunks back when it is collected and takes them here before allocating new ones.
/// </summary>
/// <remarks>
/// A chunk comes back uncleared: the list writes every element before its count lets it be read. The
/// pool keeps at most <see cref="MaxBytes"/> per element type, for the life of the process (it is not
/// trimmed under memory pressure), and a pooled chunk of an element type with references keeps alive
/// whatever its old elements referred to until it is written over (a run's trade and order rows hold none).
/// </remarks>
internal static class ChunkPool<T> where T : struct
{
    /// <summary>The most chunk memory kept per element type, in bytes: 64 MB.</summary>
    public const int MaxBytes = 64 << 20;

    private static readonly Stack<T[]> Chunks = new();
    private static readonly Lock Gate = new(); // lists of one run after another on several threads, and the finaliser thread

    /// <summary>Chunks kept now.</summary>
    public static int Count
    {
        get { lock (Gate) return Chunks.Count; }
    }

    /// <summary>A chunk of <paramref name="length"/> elements: a kept one if there is one, else a new one.</summary>
    public static T[] Rent(int length)
    {
        lock (Gate)
            if (Chunks.TryPeek(out var kept) && kept.Length == length) return Chunks.Pop();
        return new T[length];
    }

    /// <summary>Keeps the chunks of a collected list, up to <see cref="MaxBytes"/>; the rest is left to the collector.</summary>
    public static void Return(T[]?[] chunks)
    {
        lock (Gate)
            foreach (var chunk in chunks)
            {
                if (chunk is null || (long)(Chunks.Count + 1) * chunk.Length * Unsafe.SizeOf<T>() > MaxBytes) break;
                Chunks.Push(chunk);
            }
    }
}
