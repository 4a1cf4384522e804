using System.Diagnostics;
using System.IO.Compression;

namespace AlgoTrading.Tests.Support;

/// <summary>Renders a local HTML file in Debian's headless Chromium (installed by test.sh), offline.</summary>
public static class Chromium
{
    public static string Executable()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (File.Exists(candidate)) return candidate;
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("chromium is not installed; test.sh installs it with apt-get when run as root");
        Assert.Skip("chromium is not installed on this machine");
        return "";
    }

    /// <summary>Runs Chromium with the flags that keep it off the network; returns (stdout, stderr).</summary>
    public static (string Out, string Error) Run(string html, params string[] extra)
    {
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            var start = new ProcessStartInfo(Executable()) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var flag in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--disable-quic", $"--user-data-dir={profile.FullName}", "--enable-logging=stderr", "--v=0" })
                start.ArgumentList.Add(flag);
            foreach (var flag in extra) start.ArgumentList.Add(flag);
            start.ArgumentList.Add(new Uri(Path.GetFullPath(html)).AbsoluteUri);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(true); Assert.Fail("chromium did not finish within two minutes"); }
            return (stdout.Result, stderr.Result);
        }
        finally { try { profile.Delete(true); } catch (IOException) { } }
    }

    /// <summary>
    /// Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) and returns the number of
    /// distinct colours among its pixels: a blank page has one or two.
    /// </summary>
    public static int DistinctColours(string png)
    {
        var bytes = File.ReadAllBytes(png);
        int pos = 8, width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        while (pos < bytes.Length)
        {
            int length = (bytes[pos] << 24) | (bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3];
            string type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            if (type == "IHDR")
            {
                width = (bytes[pos + 8] << 24) | (bytes[pos + 9] << 16) | (bytes[pos + 10] << 8) | bytes[pos + 11];
                height = (bytes[pos + 12] << 24) | (bytes[pos + 13] << 16) | (bytes[pos + 14] << 8) | bytes[pos + 15];
                Assert.Equal(8, bytes[pos + 16]);
                channels = bytes[pos + 17] switch { 2 => 3, 6 => 4, var c => throw new InvalidDataException($"PNG colour type {c}") };
            }
            if (type == "IDAT") idat.Write(bytes, pos + 8, length);
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var data = raw.ToArray();
        int stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var colours = new HashSet<int>();
        for (int y = 0; y < height; y++)
        {
            int filter = data[y * (stride + 1)];
            Array.Copy(data, y * (stride + 1) + 1, current, 0, stride);
            for (int x = 0; x < stride; x++)
            {
                int a = x >= channels ? current[x - channels] : 0, b = previous[x], c = x >= channels ? previous[x - channels] : 0;
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                current[x] = (byte)(current[x] + filter switch
                {
                    0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2,
                    _ => pa <= pb && pa <= pc ? a : pb <= pc ? b : c,
                });
            }
            for (int x = 0; x < width; x += 3) colours.Add(current[x * channels] << 16 | current[x * channels + 1] << 8 | current[x * channels + 2]);
            (previous, current) = (current, previous);
        }
        return colours.Count;
    }
}
