using AlgoTrading.Models.Torch.Build;

namespace AlgoTrading.Models.Torch.Tests.Unit;

/// <summary>
/// The run-time side of the libLibTorchSharp.so patch (TorchModels.Register() where no build step ran, as in
/// a notebook): it finds the library in a NuGet package layout, patches a cached copy, never writes the
/// package's file, and finds libtorch in its own package. The end-to-end proof is notebook 03, whose LSTM
/// cell loads TorchSharp straight from the NuGet package folder in .ci/notebooks.
/// </summary>
public sealed class LibTorchSharpLoaderTests
{
    private const string Version = LibTorchSharpLoader.WeakVersion;

    [Fact]
    public void Patches_a_cached_copy_once_and_leaves_the_package_file_as_it_was()
    {
        using var dir = new TempDirectory();
        var native = Directory.CreateDirectory(Path.Combine(dir.Path, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native")).FullName;
        var shipped = Path.Combine(native, "libLibTorchSharp.so");
        File.Copy(ElfVersionPatchTests.CachedLibrary(), shipped);
        var before = File.ReadAllBytes(shipped);
        var cache = Path.Combine(dir.Path, "cache");

        var copy = LibTorchSharpLoader.PatchedCopy(shipped, cache)!;

        Assert.StartsWith(cache + Path.DirectorySeparatorChar, copy);
        Assert.True(ElfVersionNeeds.IsWeak(copy, Version));
        Assert.False(ElfVersionNeeds.IsWeak(shipped, Version));
        Assert.Equal(before, File.ReadAllBytes(shipped));
        var written = File.GetLastWriteTimeUtc(copy);
        Thread.Sleep(20);
        Assert.Equal(copy, LibTorchSharpLoader.PatchedCopy(shipped, cache));   // reused, not rewritten
        Assert.Equal(written, File.GetLastWriteTimeUtc(copy));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(copy)!));      // no temporary file left behind
    }

    [Fact]
    public void A_library_that_does_not_ask_for_the_version_gets_no_copy()
    {
        using var dir = new TempDirectory();
        var other = Path.Combine(dir.Path, "other.so");
        File.Copy("/bin/ls", other);   // an ELF64 file with no GLIBCXX requirement
        Assert.Null(LibTorchSharpLoader.PatchedCopy(other, Path.Combine(dir.Path, "cache")));
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "cache"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Finds_the_library_beside_an_application_first_then_in_the_package_layout()
    {
        using var dir = new TempDirectory();
        var lib = Directory.CreateDirectory(Path.Combine(dir.Path, "torchsharp", "0.107.0", "lib", "net6.0")).FullName;
        Assert.Null(LibTorchSharpLoader.ShippedLibrary(lib));
        var inPackage = dir.File("torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so", "x");
        Assert.Equal(inPackage, LibTorchSharpLoader.ShippedLibrary(lib));
        var beside = dir.File("torchsharp/0.107.0/lib/net6.0/libLibTorchSharp.so", "x");
        Assert.Equal(beside, LibTorchSharpLoader.ShippedLibrary(lib));
    }

    [Fact]
    public void Finds_libtorch_beside_the_library_or_in_the_highest_libtorch_package_version()
    {
        using var dir = new TempDirectory();
        var lib = Directory.CreateDirectory(Path.Combine(dir.Path, "torchsharp", "0.107.0", "lib", "net6.0")).FullName;
        var shipped = dir.File("torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so", "x");
        var missing = Assert.Throws<DllNotFoundException>(() => LibTorchSharpLoader.LibTorch(shipped, lib));
        Assert.Contains("libtorch-cpu-linux-x64", missing.Message);

        dir.File("libtorch-cpu-linux-x64/2.9.0/runtimes/linux-x64/native/libtorch.so", "x");
        var newest = dir.File("libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native/libtorch.so", "x");
        Assert.Equal(newest, LibTorchSharpLoader.LibTorch(shipped, lib));   // 2.10 > 2.9 as versions, not as text

        var beside = dir.File("torchsharp/0.107.0/runtimes/linux-x64/native/libtorch.so", "x");
        Assert.Equal(beside, LibTorchSharpLoader.LibTorch(shipped, lib));
    }
}
