using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>
/// Reads and writes safetensors files (Hugging Face's format for named tensors), so that weights and
/// features move between LowDim and PyTorch without pickle.
/// </summary>
/// <remarks>
/// Supported dtypes: F16, BF16, F32, F64, I8, I16, I32, I64, U8 and BOOL. The <c>__metadata__</c> map is
/// checked and otherwise ignored. The data goes straight between the file and each tensor's memory.
/// </remarks>
public static class SafetensorsFile
{
    /// <summary>Reads every tensor in <paramref name="path"/>.</summary>
    /// <returns>CPU tensors by name, each with the file's dtype and shape; the caller disposes them.</returns>
    /// <exception cref="DataFileException">
    /// The file is missing, is not a safetensors file, has a malformed header, offsets that do not fit
    /// the shapes or the data, or an unsupported dtype.
    /// </exception>
    public static IReadOnlyDictionary<string, Tensor> Read(string path)
    {
        using SafeFileHandle file = DataFiles.OpenRead(path);
        var (entries, dataOffset) = ReadHeader(path, file);
        var tensors = new Dictionary<string, Tensor>(entries.Count);
        try
        {
            foreach (var entry in entries)
            {
                tensors.Add(entry.Name, DataFiles.ReadTensor(path, file, dataOffset + entry.Begin, entry.Shape, entry.Dtype));
            }
        }
        catch
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
            throw;
        }
        return tensors;
    }

    /// <summary>Reads the tensor called <paramref name="name"/> from <paramref name="path"/>, and nothing else.</summary>
    /// <returns>A CPU tensor with the file's dtype and shape for that name.</returns>
    /// <exception cref="DataFileException">
    /// The file has no such tensor (the message lists those it has), or any problem that <see cref="Read"/> reports.
    /// </exception>
    public static Tensor ReadTensor(string path, string name)
    {
        using SafeFileHandle file = DataFiles.OpenRead(path);
        var (entries, dataOffset) = ReadHeader(path, file);
        var entry = entries.Find(e => e.Name == name);
        if (entry is null)
        {
            const int listed = 20;
            string names = string.Join(", ", entries.Take(listed).Select(e => $"'{e.Name}'"));
            string more = entries.Count > listed ? $" and {entries.Count - listed} more" : "";
            throw new DataFileException(path, $"no tensor named '{name}'; the file has {names}{more}");
        }
        return DataFiles.ReadTensor(path, file, dataOffset + entry.Begin, entry.Shape, entry.Dtype);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> to <paramref name="path"/>, replacing any file there. The file
    /// appears complete or not at all.
    /// </summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="tensors">Tensors by name, of the supported dtypes, on any device; they are not changed.</param>
    /// <exception cref="ArgumentException">A dtype is not supported, or a name is <c>__metadata__</c>.</exception>
    /// <exception cref="DataFileException">The file cannot be written.</exception>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        foreach (var (name, tensor) in tensors)
        {
            if (name == SafetensorsHeader.MetadataKey)
            {
                throw new ArgumentException($"'{name}' is reserved in safetensors and cannot name a tensor", nameof(tensors));
            }
            if (!SafetensorsHeader.CanHold(tensor.dtype))
            {
                throw new ArgumentException(
                    $"tensor '{name}' is {TensorText.Dtype(tensor.dtype)}, which safetensors cannot hold here; " +
                    $"supported dtypes: {SafetensorsHeader.Supported}", nameof(tensors));
            }
        }
        using var scope = NewDisposeScope();
        var data = tensors
            .OrderBy(t => SafetensorsHeader.Rank(t.Value.dtype))
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (Name: t.Key, Tensor: TensorMemory.ContiguousOnCpu(t.Value)))
            .ToList();
        var entries = new List<SafetensorsEntry>(data.Count);
        long end = 0;
        foreach (var (name, tensor) in data)
        {
            long begin = end;
            end += tensor.NumberOfElements * tensor.ElementSize;
            entries.Add(new SafetensorsEntry(name, tensor.dtype, tensor.shape, begin, end));
        }
        byte[] header = SafetensorsHeader.Encode(entries);
        DataFiles.WriteAtomically(path, header.Length + end, file =>
        {
            RandomAccess.Write(file, header, 0);
            for (int i = 0; i < data.Count; i++)
            {
                long start = header.Length + entries[i].Begin;
                TensorMemory.ForEachSlice(data[i].Tensor, (slice, offset) => RandomAccess.Write(file, slice, start + offset));
            }
        });
    }

    private static (List<SafetensorsEntry> Entries, long DataOffset) ReadHeader(string path, SafeFileHandle file)
    {
        try
        {
            return SafetensorsHeader.Read(path, file);
        }
        catch (IOException e)
        {
            throw DataFiles.CannotRead(path, e);
        }
    }
}
