#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Retargets libLibTorchSharp.so's requirement on GLIBCXX_3.4.32 to GLIBCXX_3.4.30 and clears the
/// version of the symbols bound to it, when the system libstdc++ does not provide GLIBCXX_3.4.32.
/// </summary>
/// <remarks>
/// The only symbol behind that version is std::ios_base_library_init(), a marker GCC 13 emits
/// into every object that includes iostream; it carries no relocation, so the loader never
/// resolves it and the retargeted library behaves exactly as the original. The ELF file is edited
/// in place, in the build output only (never in the package cache), and only in the version
/// tables: no section changes size or position.
/// </remarks>
public sealed class PatchLibTorchSharpGlibcxx : Task
{
    private const string Missing = "GLIBCXX_3.4.32";
    private const string Replacement = "GLIBCXX_3.4.30";
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerNdxGlobal = 1;

    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var present = new List<string>();
        foreach (var item in Libraries)
        {
            if (File.Exists(item.ItemSpec)) present.Add(item.ItemSpec);
        }
        if (present.Count == 0) return true;

        string? libstdcxx = FindSystemLibstdcxx();
        if (libstdcxx is null)
        {
            Log.LogMessage(MessageImportance.Low, "No system libstdc++.so.6 found; TorchSharp's native library is left as shipped.");
            return true;
        }
        if (ContainsAscii(File.ReadAllBytes(libstdcxx), Missing))
        {
            Log.LogMessage(MessageImportance.Low, $"{libstdcxx} provides {Missing}; nothing to patch.");
            return true;
        }
        foreach (string path in present)
        {
            try
            {
                string outcome = Patch(path);
                Log.LogMessage(MessageImportance.Low, $"{path}: {outcome}");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"Could not make {path} load with {libstdcxx}: {e.Message}");
                return false;
            }
        }
        return true;
    }

    private static string? FindSystemLibstdcxx()
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static bool ContainsAscii(byte[] haystack, string needle)
    {
        byte[] pattern = Encoding.ASCII.GetBytes(needle + "\0");
        return IndexOf(haystack, pattern, 0, haystack.Length) >= 0;
    }

    /// <summary>Edits the library in place; returns what it did.</summary>
    private static string Patch(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1 || !BitConverter.IsLittleEndian)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");

        ulong sectionTable = U64(elf, (0x28));
        int sectionSize = U16(elf, (0x3A));
        int sectionCount = U16(elf, (0x3C));

        Section? verneed = null, versym = null;
        var sections = new Section[sectionCount];
        for (int i = 0; i < sectionCount; i++)
        {
            int at = checked((int)sectionTable + i * sectionSize);
            var section = new Section(
                U32(elf, (at + 4)),
                checked((int)U64(elf, (at + 24))),
                checked((int)U64(elf, (at + 32))),
                (int)U32(elf, (at + 40)));
            sections[i] = section;
            if (section.Type == ShtGnuVerneed) verneed = section;
            else if (section.Type == ShtGnuVersym) versym = section;
        }
        if (verneed is null || versym is null) return "no symbol versioning; left as is";
        Section strings = sections[verneed.Value.Link];

        int replacementName = FindString(elf, strings, Replacement);
        bool changed = false;
        var retargeted = new HashSet<ushort>();
        int need = verneed.Value.Offset;
        while (true)
        {
            int auxCount = U16(elf, (need + 2));
            int aux = need + (int)U32(elf, (need + 8));
            for (int a = 0; a < auxCount; a++)
            {
                int name = (int)U32(elf, (aux + 8));
                if (ReadString(elf, strings, name) == Missing)
                {
                    if (replacementName < 0)
                    {
                        // Same length: rewrite the string itself.
                        Encoding.ASCII.GetBytes(Replacement).CopyTo(elf, strings.Offset + name);
                        replacementName = name;
                    }
                    Put32(elf, aux, ElfHash(Replacement));
                    Put32(elf, aux + 8, (uint)replacementName);
                    retargeted.Add(U16(elf, (aux + 6)));
                    changed = true;
                }
                int next = (int)U32(elf, (aux + 12));
                if (next == 0) break;
                aux += next;
            }
            int nextNeed = (int)U32(elf, (need + 12));
            if (nextNeed == 0) break;
            need += nextNeed;
        }
        if (!changed) return $"does not require {Missing}; left as is";

        int cleared = 0;
        for (int at = versym.Value.Offset; at + 2 <= versym.Value.Offset + versym.Value.Size; at += 2)
        {
            ushort index = (ushort)(U16(elf, (at)) & 0x7fff);
            if (retargeted.Contains(index))
            {
                elf[at] = (byte)VerNdxGlobal; elf[at + 1] = 0;
                cleared++;
            }
        }

        string temporary = path + ".patching";
        File.WriteAllBytes(temporary, elf);
        File.Replace(temporary, path, null);
        return $"retargeted {Missing} to {Replacement}, cleared the version of {cleared} symbol(s)";
    }

    private static int FindString(byte[] elf, Section strings, string value)
    {
        byte[] pattern = Encoding.ASCII.GetBytes("\0" + value + "\0");
        int at = IndexOf(elf, pattern, strings.Offset, strings.Size);
        return at < 0 ? -1 : at - strings.Offset + 1;
    }

    private static string ReadString(byte[] elf, Section strings, int offset)
    {
        int start = strings.Offset + offset;
        int end = Array.IndexOf(elf, (byte)0, start, strings.Size - offset);
        return Encoding.ASCII.GetString(elf, start, (end < 0 ? strings.Offset + strings.Size : end) - start);
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start, int count)
    {
        int last = start + count - needle.Length;
        for (int i = start; i <= last; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }

    private static ulong U64(byte[] b, int at) => BitConverter.ToUInt64(b, at);
    private static uint U32(byte[] b, int at) => BitConverter.ToUInt32(b, at);
    private static ushort U16(byte[] b, int at) => BitConverter.ToUInt16(b, at);

    private static void Put32(byte[] b, int at, uint value)
    {
        byte[] bytes = BitConverter.GetBytes(value);
        Array.Copy(bytes, 0, b, at, 4);
    }

    private static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (char c in name)
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    private readonly struct Section
    {
        public Section(uint type, int offset, int size, int link)
        {
            Type = type; Offset = offset; Size = size; Link = link;
        }

        public uint Type { get; }
        public int Offset { get; }
        public int Size { get; }
        public int Link { get; }
    }
}
