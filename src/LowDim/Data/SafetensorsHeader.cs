using System.Buffers;
using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>
/// The header of a safetensors file: an 8-byte little-endian length, then that many bytes of JSON
/// that map each tensor's name to its dtype, shape and byte range in the data buffer after it.
/// </summary>
internal static partial class SafetensorsHeader
{
    /// <summary>The reserved key for the free-form string map.</summary>
    public const string MetadataKey = "__metadata__";

    // The reference implementation refuses longer headers; a bigger length means this is not a safetensors file.
    private const long MaxLength = 100_000_000;

    // In the reference implementation's order of its dtype enum, from the end: it lays tensors out in this
    // order, so that each starts aligned, and so does Write, so that the files come out byte for byte the same.
    private static readonly (string Name, ScalarType Dtype)[] Dtypes =
    [
        ("I64", ScalarType.Int64),
        ("F64", ScalarType.Float64),
        ("F32", ScalarType.Float32),
        ("I32", ScalarType.Int32),
        ("BF16", ScalarType.BFloat16),
        ("F16", ScalarType.Float16),
        ("I16", ScalarType.Int16),
        ("I8", ScalarType.Int8),
        ("U8", ScalarType.Byte),
        ("BOOL", ScalarType.Bool),
    ];

    /// <summary>The supported safetensors dtypes, for messages.</summary>
    public static string Supported => string.Join(", ", Dtypes.Select(d => d.Name));

    /// <summary>Whether safetensors can hold tensors of <paramref name="dtype"/> here.</summary>
    public static bool CanHold(ScalarType dtype) => Rank(dtype) >= 0;

    /// <summary>Where tensors of <paramref name="dtype"/> go in the data buffer: lower ranks first; -1 if unsupported.</summary>
    public static int Rank(ScalarType dtype) => Array.FindIndex(Dtypes, d => d.Dtype == dtype);

    /// <summary>Reads and checks the header of <paramref name="path"/>.</summary>
    /// <returns>The tensors in header order, and where the data buffer starts in the file.</returns>
    /// <exception cref="DataFileException">The header is malformed or does not match the file.</exception>
    public static (List<SafetensorsEntry> Entries, long DataOffset) Read(string path, SafeFileHandle file)
    {
        long fileLength = RandomAccess.GetLength(file);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (fileLength < 8)
        {
            throw new DataFileException(path, "not a safetensors file (shorter than the 8-byte header length)");
        }
        DataFiles.ReadExactly(file, lengthBytes, 0);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (length > (ulong)Math.Min(MaxLength, fileLength - 8))
        {
            throw new DataFileException(path,
                $"not a safetensors file (header length {length} does not fit in the file's {fileLength} bytes)");
        }
        var json = new byte[length];
        DataFiles.ReadExactly(file, json, 8);
        long dataOffset = 8 + (long)length;
        var entries = Parse(path, json);
        CheckLayout(path, entries, fileLength - dataOffset);
        return (entries, dataOffset);
    }

    /// <summary>The header block (length, then JSON padded with spaces to a multiple of 8 bytes) for these tensors, in this order.</summary>
    public static byte[] Encode(IReadOnlyList<SafetensorsEntry> entries)
    {
        var json = new ArrayBufferWriter<byte>();
        // Like the reference implementation, escape only what JSON requires, so that names stay readable UTF-8.
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var entry in entries)
            {
                writer.WriteStartObject(entry.Name);
                writer.WriteString("dtype", Dtypes[Rank(entry.Dtype)].Name);
                writer.WriteStartArray("shape");
                foreach (long n in entry.Shape)
                {
                    writer.WriteNumberValue(n);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(entry.Begin);
                writer.WriteNumberValue(entry.End);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        // Padding keeps the data buffer 8-byte aligned, so every tensor in it stays aligned for memory mapping.
        int padded = (json.WrittenCount + 7) / 8 * 8;
        var bytes = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        json.WrittenSpan.CopyTo(bytes.AsSpan(8));
        bytes.AsSpan(8 + json.WrittenCount).Fill((byte)' ');
        return bytes;
    }
}
