using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AlgoTrading.Domain;

/// <summary>
/// Allocates the arrays behind large columns (loaded series, equity curves). Fresh memory
/// is paid for at first touch: one page fault per 4 KB page, which on virtual machines costs around
/// 10 µs, more than parsing or simulating the rows written into it (about 2.7 ms per MB measured on
/// the machines this library is benchmarked on). On Linux, arrays of at least
/// <see cref="PopulateThresholdBytes"/> are therefore allocated pinned and mapped in one system call
/// (<c>MADV_POPULATE_WRITE</c>, about three times cheaper than faulting page by page), and those of
/// at least <see cref="HugePageThresholdBytes"/> are first advised for transparent huge pages, so
/// the kernel maps 2 MB at a time. Elsewhere, or when the kernel refuses the advice, they are plain
/// uninitialised arrays: the advice changes how memory is mapped, never what it holds.
/// </summary>
/// <remarks>
/// The arrays are uninitialised: callers write every element they later read. Pinned arrays live
/// on the pinned object heap so the advised address range stays the array's own; they are
/// collected like any other array. Smaller arrays are left to the garbage collector, which often
/// recycles their memory without faults.
/// </remarks>
internal static class ColumnAllocator
{
    /// <summary>Arrays at least this large (in bytes) are mapped up front: 1 MB.</summary>
    public const int PopulateThresholdBytes = 1 << 20;

    /// <summary>Arrays at least this large (in bytes) also get huge-page advice: 4 MB, two huge pages.</summary>
    public const int HugePageThresholdBytes = 4 << 20;

    private const long HugePage = 2 << 20, SmallPage = 4 << 10;
    private const int MadviseHugePage = 14, MadvisePopulateWrite = 23; // Linux mman.h
    private static bool _adviceUnavailable = !OperatingSystem.IsLinux();

    /// <summary>An uninitialised array of <paramref name="length"/> elements.</summary>
    public static T[] Allocate<T>(int length) where T : unmanaged
    {
        long bytes = (long)length * Unsafe.SizeOf<T>();
        if (_adviceUnavailable || bytes < PopulateThresholdBytes) return GC.AllocateUninitializedArray<T>(length);
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        long start = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0), end = start + bytes;
        try
        {
            // Huge pages: advise every huge page the array overlaps, its first and last included;
            // a neighbour sharing them loses nothing (its faults fall back to small pages).
            if (bytes >= HugePageThresholdBytes)
                Advise(start & ~(HugePage - 1), (end + HugePage - 1) & ~(HugePage - 1), MadviseHugePage);
            // Populate only the whole pages inside the array: they are ours alone.
            Advise((start + SmallPage - 1) & ~(SmallPage - 1), end & ~(SmallPage - 1), MadvisePopulateWrite);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { _adviceUnavailable = true; }
        return array;
    }

    /// <summary>Replaces <paramref name="column"/> by a larger uninitialised array holding its first <paramref name="used"/> elements.</summary>
    public static void Grow<T>(ref T[] column, int used, int length) where T : unmanaged
    {
        var larger = Allocate<T>(length);
        column.AsSpan(0, used).CopyTo(larger);
        column = larger;
    }

    // Best effort: an older kernel answers EINVAL (no MADV_POPULATE_WRITE before Linux 5.14, no THP when
    // disabled), and the memory is then simply faulted in as it is touched.
    private static void Advise(long from, long to, int advice)
    {
        if (to > from) Madvise((nint)from, (nuint)(to - from), advice);
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);
}
