using System.Runtime.InteropServices;
using System.Security.Cryptography;
using AlgoTrading.Models.Torch.Build;

namespace AlgoTrading.Models.Torch;

/// <summary>
/// Makes TorchSharp's native library load where no build step patched it. A notebook's
/// <c>#r "nuget: AlgoTrading.Models.Torch"</c> runs no MSBuild target, so TorchSharp would load the
/// unpatched libLibTorchSharp.so from the NuGet package folder, which Debian 12's libstdc++ refuses
/// (docs/models/torch.md). Before TorchSharp initialises, this copies that file into a per-user cache,
/// marks the same version requirement weak with the build step's own code (<see cref="ElfVersionNeeds"/>),
/// and loads libtorch and the patched copy; TorchSharp's later lookup by name then finds the library
/// already loaded. The package folder is never written. Where the build step already ran (an
/// application's output folder) the library is weak already and nothing happens.
/// </summary>
internal static class LibTorchSharpLoader
{
    internal const string WeakVersion = "GLIBCXX_3.4.32";
    private const string LibraryName = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static bool _done;

    /// <summary>Runs once per process, before anything touches <c>TorchSharp.torch</c>; later calls do nothing.</summary>
    /// <exception cref="DllNotFoundException">libtorch.so is not beside TorchSharp's library nor in the libtorch-cpu-linux-x64 package.</exception>
    internal static void EnsureLoadable()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return;
        lock (Gate)
        {
            if (_done) return;
            var assemblyDirectory = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location);
            var shipped = string.IsNullOrEmpty(assemblyDirectory) ? null : ShippedLibrary(assemblyDirectory);
            if (shipped is not null && !ElfVersionNeeds.IsWeak(shipped, WeakVersion))
            {
                var copy = PatchedCopy(shipped, CacheRoot());
                if (copy is not null)
                {
                    NativeLibrary.Load(LibTorch(shipped, assemblyDirectory!));
                    NativeLibrary.Load(copy);
                }
            }
            _done = true;
        }
    }

    /// <summary>
    /// The libLibTorchSharp.so TorchSharp would load: beside its assembly (an application's output) or,
    /// in a NuGet package folder (<c>torchsharp/&lt;version&gt;/lib/&lt;tfm&gt;/</c>), under the package's
    /// <c>runtimes/linux-x64/native/</c>; null when neither exists.
    /// </summary>
    internal static string? ShippedLibrary(string assemblyDirectory)
    {
        string[] candidates =
        [
            Path.Combine(assemblyDirectory, LibraryName),
            Path.Combine(assemblyDirectory, "runtimes", "linux-x64", "native", LibraryName),
            Path.GetFullPath(Path.Combine(assemblyDirectory, "..", "..", "runtimes", "linux-x64", "native", LibraryName)),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// A copy of <paramref name="shipped"/> under <paramref name="cacheRoot"/>/&lt;content hash&gt;/ with
    /// <see cref="WeakVersion"/> marked weak, written once (into a temporary file moved into place, so
    /// processes racing here never see half a file) and reused; null when the library does not require
    /// that version at all. <paramref name="shipped"/> is only read.
    /// </summary>
    internal static string? PatchedCopy(string shipped, string cacheRoot)
    {
        string hash;
        using (var stream = File.OpenRead(shipped)) hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        var folder = Path.Combine(cacheRoot, hash);
        var copy = Path.Combine(folder, LibraryName);
        if (File.Exists(copy) && ElfVersionNeeds.IsWeak(copy, WeakVersion)) return copy;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{LibraryName}.{Environment.ProcessId}.tmp");
        File.Copy(shipped, temp, overwrite: true);
        if (ElfVersionNeeds.MarkWeak(temp, WeakVersion) == ElfVersionPatch.NotRequired)
        {
            File.Delete(temp);
            return null;
        }
        File.Move(temp, copy, overwrite: true);
        return copy;
    }

    /// <summary>Per-user cache folder: <c>$XDG_CACHE_HOME</c> or <c>~/.cache</c>, then <c>algotrading/libtorchsharp</c>.</summary>
    internal static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "algotrading", "libtorchsharp");
    }

    /// <summary>
    /// libtorch.so for <paramref name="shipped"/>: beside it (an application's output) or in the
    /// libtorch-cpu-linux-x64 package next to the torchsharp package (highest version when several).
    /// </summary>
    internal static string LibTorch(string shipped, string assemblyDirectory)
    {
        var beside = Path.Combine(Path.GetDirectoryName(shipped)!, "libtorch.so");
        if (File.Exists(beside)) return beside;
        // assemblyDirectory is <packages>/torchsharp/<version>/lib/<tfm>
        var package = Path.GetFullPath(Path.Combine(assemblyDirectory, "..", "..", "..", "..", "libtorch-cpu-linux-x64"));
        var found = Directory.Exists(package)
            ? Directory.GetDirectories(package)
                .Select(v => (Version: System.Version.TryParse(Path.GetFileName(v), out var parsed) ? parsed : new Version(0, 0), Path: Path.Combine(v, "runtimes", "linux-x64", "native", "libtorch.so")))
                .Where(c => File.Exists(c.Path)).OrderByDescending(c => c.Version).Select(c => c.Path).FirstOrDefault()
            : null;
        return found ?? throw new DllNotFoundException($"libtorch.so not found beside {shipped} nor in the libtorch-cpu-linux-x64 package at {package}");
    }
}
