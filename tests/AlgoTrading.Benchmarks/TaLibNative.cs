using System.Runtime.InteropServices;

namespace AlgoTrading.Benchmarks;

/// <summary>
/// TA-Lib C, loaded from the shared library that <c>tools/talib-reference/build.sh</c> builds
/// (TA-Lib 0.6.0-dev from the npm package talib@2.0.5, gcc -O2 with TA-Lib's own flags), called
/// through function pointers so the benchmark measures TA-Lib itself beside ours in the same
/// process and on the same buffers. Each call computes the whole series; outputs are TA-Lib's:
/// the first valid value (index <c>begin</c> of the input) at output index 0.
/// </summary>
internal sealed unsafe class TaLibNative
{
    /// <summary>Where build.sh puts the library, relative to the repository root.</summary>
    public const string RelativePath = "tools/talib-reference/.cache/lib/libta-lib.so";
    /// <summary>How to get the library, for the line printed when it is missing.</summary>
    public const string BuildHint = "TA-Lib C column skipped: build it with tools/talib-reference/build.sh (fetches talib@2.0.5 from npm, needs gcc), or set TALIB_LIBRARY to a libta-lib.so";

    private const int Success = 0; // TA_SUCCESS
    private readonly delegate* unmanaged<int, int, double*, int, int*, int*, double*, int> _sma, _ema, _rsi;
    private readonly delegate* unmanaged<int, int, double*, double*, double*, int, int*, int*, double*, int> _atr, _adx;

    private TaLibNative(nint library, string path, string version)
    {
        Path = path;
        Version = version;
        var initialize = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "TA_Initialize");
        Check(initialize(), "TA_Initialize");
        _sma = (delegate* unmanaged<int, int, double*, int, int*, int*, double*, int>)NativeLibrary.GetExport(library, "TA_SMA");
        _ema = (delegate* unmanaged<int, int, double*, int, int*, int*, double*, int>)NativeLibrary.GetExport(library, "TA_EMA");
        _rsi = (delegate* unmanaged<int, int, double*, int, int*, int*, double*, int>)NativeLibrary.GetExport(library, "TA_RSI");
        _atr = (delegate* unmanaged<int, int, double*, double*, double*, int, int*, int*, double*, int>)NativeLibrary.GetExport(library, "TA_ATR");
        _adx = (delegate* unmanaged<int, int, double*, double*, double*, int, int*, int*, double*, int>)NativeLibrary.GetExport(library, "TA_ADX");
    }

    /// <summary>The library file loaded.</summary>
    public string Path { get; }
    /// <summary>TA-Lib's version as build.sh recorded it (from ta_version.c).</summary>
    public string Version { get; }

    /// <summary>Loads the library from TALIB_LIBRARY or from the repository's build folder; null when it is not built.</summary>
    public static TaLibNative? TryLoad()
    {
        string? path = Environment.GetEnvironmentVariable("TALIB_LIBRARY");
        if (string.IsNullOrEmpty(path))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && path is null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, RelativePath))) path = System.IO.Path.Combine(dir.FullName, RelativePath);
        }
        if (path is null || !NativeLibrary.TryLoad(path, out nint library)) return null;
        string versionFile = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "VERSION");
        return new TaLibNative(library, path, File.Exists(versionFile) ? File.ReadAllText(versionFile).Trim() : "unknown version");
    }

    /// <summary>TA_SMA over the whole series; returns the input index of the first output.</summary>
    public int Sma(ReadOnlySpan<double> x, Span<double> y, int period) => Single(_sma, x, y, period, "TA_SMA");
    /// <summary>TA_EMA over the whole series.</summary>
    public int Ema(ReadOnlySpan<double> x, Span<double> y, int period) => Single(_ema, x, y, period, "TA_EMA");
    /// <summary>TA_RSI over the whole series.</summary>
    public int Rsi(ReadOnlySpan<double> x, Span<double> y, int period) => Single(_rsi, x, y, period, "TA_RSI");
    /// <summary>TA_ATR over the whole series (TA-Lib allocates and frees its true-range scratch buffer inside the call).</summary>
    public int Atr(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> y, int period) => Bars(_atr, high, low, close, y, period, "TA_ATR");
    /// <summary>TA_ADX over the whole series (the ADX output only: TA-Lib has no call that also returns the DIs).</summary>
    public int Adx(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> y, int period) => Bars(_adx, high, low, close, y, period, "TA_ADX");

    private static int Single(delegate* unmanaged<int, int, double*, int, int*, int*, double*, int> function, ReadOnlySpan<double> x, Span<double> y, int period, string name)
    {
        if (y.Length < x.Length) throw new ArgumentException("the output is shorter than the input", nameof(y));
        int begin, count;
        fixed (double* input = x)
        fixed (double* output = y)
            Check(function(0, x.Length - 1, input, period, &begin, &count, output), name);
        return begin;
    }

    private static int Bars(delegate* unmanaged<int, int, double*, double*, double*, int, int*, int*, double*, int> function,
        ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> y, int period, string name)
    {
        if (y.Length < close.Length || high.Length < close.Length || low.Length < close.Length) throw new ArgumentException("columns of different lengths");
        int begin, count;
        fixed (double* h = high)
        fixed (double* l = low)
        fixed (double* c = close)
        fixed (double* output = y)
            Check(function(0, close.Length - 1, h, l, c, period, &begin, &count, output), name);
        return begin;
    }

    private static void Check(int code, string function)
    {
        if (code != Success) throw new InvalidOperationException($"{function} returned TA_RetCode {code}");
    }
}
