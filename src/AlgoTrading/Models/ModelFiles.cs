using System.Security.Cryptography;

namespace AlgoTrading.Models;

/// <summary>
/// Integrity of a model's own files. Native libraries can crash the process on a truncated or
/// altered model file instead of returning an error, so every model file gets a SHA-256 beside it
/// (<c>&lt;file&gt;.sha256</c>) when saved, and is checked before any native loader reads it.
/// </summary>
public static class ModelFiles
{
    /// <summary>Lower-case hex SHA-256 of <paramref name="file"/>.</summary>
    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Writes <c>&lt;file&gt;.sha256</c> for <paramref name="file"/>, just saved.</summary>
    public static void WriteChecksum(string file) => File.WriteAllText(file + ".sha256", Sha256(file) + "\n");

    /// <summary>Checks <paramref name="file"/> against its <c>.sha256</c>.</summary>
    /// <exception cref="ModelInputException">The file or its checksum is missing, or the content changed (corrupted).</exception>
    public static void Verify(string file)
    {
        if (!File.Exists(file)) throw new ModelInputException($"{file}: model file not found");
        var checksumFile = file + ".sha256";
        if (!File.Exists(checksumFile)) throw new ModelInputException($"{file}: no checksum file {Path.GetFileName(checksumFile)} beside it; save the model again");
        var expected = File.ReadAllText(checksumFile).Trim();
        var actual = Sha256(file);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
            throw new ModelInputException($"{file}: corrupted model file (SHA-256 {actual[..12]}… differs from the {expected[..Math.Min(12, expected.Length)]}… recorded when it was saved)");
    }
}
