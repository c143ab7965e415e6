using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>Opening, reading and atomically writing data files, with errors that name the file.</summary>
internal static class DataFiles
{
    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    /// <exception cref="DataFileException">The file is missing or cannot be opened.</exception>
    public static SafeFileHandle OpenRead(string path)
    {
        try
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CannotRead(path, e);
        }
    }

    /// <summary>The error for a read that failed in the operating system.</summary>
    public static DataFileException CannotRead(string path, Exception e) =>
        new(path, $"cannot read: {e.Message}", e);

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="file"/> starting at <paramref name="offset"/>.</summary>
    /// <exception cref="EndOfStreamException">The file ends first (it shrank while being read).</exception>
    public static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            int read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
            {
                throw new EndOfStreamException($"the file ended at byte {offset}");
            }
            buffer = buffer[read..];
            offset += read;
        }
    }

    /// <summary>
    /// A new CPU tensor of <paramref name="shape"/> and <paramref name="dtype"/> filled with the bytes of
    /// <paramref name="file"/> from <paramref name="offset"/> on, read straight into the tensor's memory.
    /// </summary>
    /// <exception cref="DataFileException">The read fails.</exception>
    public static Tensor ReadTensor(string path, SafeFileHandle file, long offset, long[] shape, ScalarType dtype)
    {
        var tensor = empty(shape, dtype);
        try
        {
            TensorMemory.ForEachSlice(tensor, (slice, at) => ReadExactly(file, slice, offset + at));
            return tensor;
        }
        catch (IOException e)
        {
            tensor.Dispose();
            throw CannotRead(path, e);
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="size"/> bytes written by <paramref name="write"/>:
    /// it writes a temporary file next to it, flushes it to disk and renames it over
    /// <paramref name="path"/>, so that a process killed midway never leaves a partial file under that name.
    /// </summary>
    /// <exception cref="DataFileException">The file cannot be written.</exception>
    public static void WriteAtomically(string path, long size, Action<SafeFileHandle> write)
    {
        string temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        bool renamed = false;
        try
        {
            using (var file = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                       FileOptions.None, preallocationSize: size))
            {
                write(file);
                RandomAccess.FlushToDisk(file);
            }
            File.Move(temporary, path, overwrite: true);
            renamed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(path, $"cannot write: {e.Message}", e);
        }
        finally
        {
            if (!renamed && File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark) to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="DataFileException">The file cannot be written.</exception>
    public static void WriteTextAtomically(string path, string text)
    {
        byte[] bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
        WriteAtomically(path, bytes.Length, file => RandomAccess.Write(file, bytes, 0));
    }
}
