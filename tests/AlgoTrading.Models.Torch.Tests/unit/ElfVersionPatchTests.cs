using System.Diagnostics;
using System.Reflection;
using AlgoTrading.Models.Torch.Build;

namespace AlgoTrading.Models.Torch.Tests.Unit;

/// <summary>
/// The post-build patch that lets libLibTorchSharp.so load on Debian 12, run on a copy of the real
/// library from the NuGet cache and checked with binutils' readelf, an independent ELF reader.
/// </summary>
public sealed class ElfVersionPatchTests
{
    private const string Version = "GLIBCXX_3.4.32";

    internal static string CachedLibrary()
    {
        var root = typeof(ElfVersionPatchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
        return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
    }

    [Fact]
    public void Marks_exactly_the_one_requirement_weak_and_repeating_it_changes_nothing()
    {
        using var dir = new TempDirectory();
        string copy = Path.Combine(dir.Path, "libLibTorchSharp.so");
        File.Copy(CachedLibrary(), copy);
        var original = File.ReadAllBytes(copy);
        Assert.False(ElfVersionNeeds.IsWeak(copy, Version));

        Assert.Equal(ElfVersionPatch.MarkedWeak, ElfVersionNeeds.MarkWeak(copy, Version));
        var patched = File.ReadAllBytes(copy);
        Assert.Equal(ElfVersionPatch.AlreadyWeak, ElfVersionNeeds.MarkWeak(copy, Version));

        Assert.Equal(patched, File.ReadAllBytes(copy));
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Single(changed);
        Assert.Equal(original[changed[0]] | 0x2, patched[changed[0]]);
        Assert.True(ElfVersionNeeds.IsWeak(copy, Version));
        Assert.Contains($"Name: {Version}  Flags: WEAK", ReadElfVersions(copy));
        Assert.Contains("Name: GLIBCXX_3.4.30  Flags: none", ReadElfVersions(copy)); // the others stay strong
    }

    [Fact]
    public void The_build_patched_the_copy_in_the_output_folder_and_not_the_cache()
    {
        Assert.True(ElfVersionNeeds.IsWeak(Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"), Version));
        Assert.False(ElfVersionNeeds.IsWeak(CachedLibrary(), Version));
    }

    [Fact]
    public void A_hard_link_into_the_cache_is_replaced_not_written_through()
    {
        using var dir = new TempDirectory();
        string cache = Path.Combine(dir.Path, "cache.so"), output = Path.Combine(dir.Path, "output.so");
        File.Copy(CachedLibrary(), cache);
        Run("ln", $"\"{cache}\" \"{output}\"");

        ElfVersionNeeds.MarkWeak(output, Version);

        Assert.True(ElfVersionNeeds.IsWeak(output, Version));
        Assert.False(ElfVersionNeeds.IsWeak(cache, Version));
    }

    [Fact]
    public void A_library_without_the_requirement_or_a_non_ELF_file_is_left_alone_or_refused()
    {
        using var dir = new TempDirectory();
        string other = Path.Combine(dir.Path, "other.so");
        File.Copy(CachedLibrary(), other);
        Assert.Equal(ElfVersionPatch.NotRequired, ElfVersionNeeds.MarkWeak(other, "GLIBCXX_9.9.99"));

        string text = Path.Combine(dir.Path, "not-elf.so");
        File.WriteAllText(text, "this is not a shared library, just some text of sufficient length to be read.");
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(text, Version));
        Assert.Equal($"{text}: not an ELF file", e.Message);
    }

    private static string ReadElfVersions(string path) => Run("readelf", $"-V \"{path}\"");

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
