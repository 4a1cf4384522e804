// Compiled by MSBuild's RoslynCodeTaskFactory at build time (AlgoTrading.Models.Torch.targets) and into
// AlgoTrading.Models.Torch itself with ELF_VERSION_PATCH_WITHOUT_MSBUILD (the patch alone, applied at run time
// by TorchModels.Register() where no build step ran, e.g. notebooks).
// Targets netstandard2.0 APIs only, because that is what the task factory compiles against.
using System;
using System.IO;
using System.Text;

namespace AlgoTrading.Models.Torch.Build
{
    /// <summary>What <see cref="ElfVersionNeeds.MarkWeak"/> did to a file.</summary>
    public enum ElfVersionPatch
    {
        /// <summary>The version requirement was strong and is now weak; the file was rewritten.</summary>
        MarkedWeak,
        /// <summary>The requirement was already weak; the file was not touched.</summary>
        AlreadyWeak,
        /// <summary>The file does not require that version; the file was not touched.</summary>
        NotRequired,
    }

    /// <summary>
    /// Marks one symbol-version requirement of an ELF64 little-endian shared library weak: the
    /// VER_FLG_WEAK bit (0x2) in the vna_flags of the matching Vernaux entry of .gnu.version_r.
    /// glibc's loader then accepts a libstdc++ that lacks that version (it warns only under LD_DEBUG)
    /// instead of refusing to load the library. Needed because libLibTorchSharp.so from TorchSharp
    /// 0.107.0 asks for GLIBCXX_3.4.32 (GCC 13) for one marker symbol nothing calls, and Debian 12
    /// ships GCC 12's libstdc++.
    /// </summary>
    public static class ElfVersionNeeds
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        /// <summary>
        /// Marks the requirement for <paramref name="version"/> weak in <paramref name="path"/>. Safe to
        /// repeat. The file is rewritten through a copy that replaces it, never in place, so a hard link
        /// into the NuGet cache is never modified.
        /// </summary>
        /// <exception cref="InvalidDataException">Not an ELF64 little-endian file, or a malformed section table.</exception>
        public static ElfVersionPatch MarkWeak(string path, string version)
        {
            byte[] elf = File.ReadAllBytes(path);
            int flagsOffset = FindFlagsOffset(elf, version, path);
            if (flagsOffset < 0) return ElfVersionPatch.NotRequired;
            ushort flags = BitConverter.ToUInt16(elf, flagsOffset);
            if ((flags & VerFlagWeak) != 0) return ElfVersionPatch.AlreadyWeak;

            string temp = path + ".weak-patch.tmp";
            File.Copy(path, temp, true); // keeps the file mode
            using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write))
            {
                stream.Position = flagsOffset;
                ushort patched = (ushort)(flags | VerFlagWeak);
                stream.WriteByte((byte)patched);
                stream.WriteByte((byte)(patched >> 8));
            }
            File.Replace(temp, path, null);
            return ElfVersionPatch.MarkedWeak;
        }

        /// <summary>True when <paramref name="path"/> requires <paramref name="version"/> weakly.</summary>
        public static bool IsWeak(string path, string version)
        {
            byte[] elf = File.ReadAllBytes(path);
            int offset = FindFlagsOffset(elf, version, path);
            return offset >= 0 && (BitConverter.ToUInt16(elf, offset) & VerFlagWeak) != 0;
        }

        /// <summary>File offset of vna_flags of the Vernaux entry naming <paramref name="version"/>, or −1.</summary>
        private static int FindFlagsOffset(byte[] elf, string version, string path)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException(path + ": not an ELF file");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException(path + ": not a 64-bit little-endian ELF file");

            long sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
            int entrySize = BitConverter.ToUInt16(elf, 0x3a);
            int sections = BitConverter.ToUInt16(elf, 0x3c);
            if (entrySize < 64 || sectionTable + (long)sections * entrySize > elf.Length)
                throw new InvalidDataException(path + ": section table lies outside the file");

            for (int s = 0; s < sections; s++)
            {
                int header = checked((int)(sectionTable + (long)s * entrySize));
                if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed) continue;
                int start = checked((int)BitConverter.ToUInt64(elf, header + 24));
                int needs = (int)BitConverter.ToUInt32(elf, header + 44); // sh_info: number of Verneed entries
                int link = (int)BitConverter.ToUInt32(elf, header + 40);  // sh_link: the string table
                if (link >= sections) throw new InvalidDataException(path + ": .gnu.version_r links to a missing string table");
                int strings = checked((int)BitConverter.ToUInt64(elf, checked((int)(sectionTable + (long)link * entrySize)) + 24));

                int need = start;
                for (int n = 0; n < needs; n++)
                {
                    int count = BitConverter.ToUInt16(elf, need + 2);
                    int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                    for (int a = 0; a < count; a++)
                    {
                        if (NameAt(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8)) == version) return aux + 4;
                        aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                    }
                    need += (int)BitConverter.ToUInt32(elf, need + 12);
                }
            }
            return -1;
        }

        private static string NameAt(byte[] elf, int offset)
        {
            int end = Array.IndexOf(elf, (byte)0, offset);
            if (end < 0) throw new InvalidDataException("unterminated string in the ELF string table");
            return Encoding.ASCII.GetString(elf, offset, end - offset);
        }
    }

#if !ELF_VERSION_PATCH_WITHOUT_MSBUILD
    /// <summary>The MSBuild face of <see cref="ElfVersionNeeds.MarkWeak"/>: patches each of <see cref="Files"/>.</summary>
    public sealed class MarkElfVersionWeak : Microsoft.Build.Utilities.Task
    {
        /// <summary>Shared libraries to patch (copies in an output folder, never the NuGet cache).</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <summary>The version requirement to mark weak, e.g. GLIBCXX_3.4.32.</summary>
        [Microsoft.Build.Framework.Required]
        public string Version { get; set; } = "";

        /// <inheritdoc />
        public override bool Execute()
        {
            foreach (var file in Files)
            {
                try
                {
                    var result = ElfVersionNeeds.MarkWeak(file.ItemSpec, Version);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "{0}: {1} {2}", file.ItemSpec, Version, result);
                }
                catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
                {
                    Log.LogError("cannot mark {0} weak in {1}: {2}", Version, file.ItemSpec, e.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
