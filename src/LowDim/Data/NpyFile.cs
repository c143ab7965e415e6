using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>
/// Reads and writes NumPy's .npy files (format versions 1.0, 2.0 and 3.0), so that features and
/// labels move between LowDim and Python with <c>np.save</c> and <c>np.load</c>.
/// </summary>
/// <remarks>
/// Supported dtypes: float16, float32, float64, int8, int16, int32, int64, uint8 and bool, little-endian,
/// in C order, with any number of dimensions up to NumPy's 64, including 0-d arrays and arrays with no elements.
/// The data goes straight between the file and the tensor's memory, so a 400 MB file costs one read.
/// </remarks>
public static class NpyFile
{
    /// <summary>The six bytes every .npy file starts with.</summary>
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the array in <paramref name="path"/>.</summary>
    /// <returns>A CPU tensor with the file's dtype and shape.</returns>
    /// <exception cref="DataFileException">
    /// The file is missing, is not an .npy file, is truncated or has bytes after the data, or holds an
    /// array that LowDim cannot load (Fortran order, big-endian, a dtype not listed above).
    /// </exception>
    public static Tensor Read(string path)
    {
        using SafeFileHandle file = DataFiles.OpenRead(path);
        try
        {
            long length = RandomAccess.GetLength(file);
            (NpyHeader header, long dataOffset) = ReadHeader(path, file, length);
            long expected = TensorText.ByteCount(header.Shape, header.Dtype);
            long found = length - dataOffset;
            string described = $"shape {TensorText.Shape(header.Shape)} {TensorText.Dtype(header.Dtype)}";
            if (found < expected)
            {
                throw new DataFileException(path, $"truncated: expected {expected} bytes of data for {described}, found {found}");
            }
            if (found > expected)
            {
                throw new DataFileException(path, $"{found - expected} bytes more than {described} needs ({expected} bytes of data)");
            }
            return DataFiles.ReadTensor(path, file, dataOffset, header.Shape, header.Dtype);
        }
        catch (OverflowException e)
        {
            throw new DataFileException(path, "the shape's size does not fit in 64 bits", e);
        }
        catch (IOException e)
        {
            throw DataFiles.CannotRead(path, e);
        }
    }

    /// <summary>
    /// Writes <paramref name="tensor"/> to <paramref name="path"/> in C order, as <c>np.save</c> would,
    /// replacing any file there. The file appears complete or not at all.
    /// </summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="tensor">Any shape, one of the supported dtypes, on any device; it is not changed.</param>
    /// <exception cref="ArgumentException">
    /// NumPy has no dtype for the tensor's (bfloat16, complex), or allows fewer dimensions than it has.
    /// </exception>
    /// <exception cref="DataFileException">The file cannot be written.</exception>
    public static void Write(string path, Tensor tensor)
    {
        if (!NpyHeader.CanHold(tensor.dtype))
        {
            throw new ArgumentException(
                $"cannot save a {TensorText.Dtype(tensor.dtype)} tensor as .npy; supported dtypes: {NpyHeader.Supported}",
                nameof(tensor));
        }
        if (tensor.dim() > NpyHeader.MaxDimensions)
        {
            throw new ArgumentException(
                $"cannot save a tensor with {tensor.dim()} dimensions as .npy; NumPy allows {NpyHeader.MaxDimensions}",
                nameof(tensor));
        }
        using Tensor data = TensorMemory.ContiguousOnCpu(tensor);
        byte[] header = new NpyHeader(data.dtype, data.shape).Encode();
        long size = header.Length + data.NumberOfElements * data.ElementSize;
        DataFiles.WriteAtomically(path, size, file =>
        {
            RandomAccess.Write(file, header, 0);
            TensorMemory.ForEachSlice(data, (slice, offset) => RandomAccess.Write(file, slice, header.Length + offset));
        });
    }

    private static (NpyHeader Header, long DataOffset) ReadHeader(string path, SafeFileHandle file, long length)
    {
        Span<byte> prefix = stackalloc byte[12];
        prefix = prefix[..RandomAccess.Read(file, prefix, 0)];
        if (!prefix.StartsWith(Magic))
        {
            throw new DataFileException(path, "not an .npy file (it does not start with \\x93NUMPY)");
        }
        if (prefix.Length < 8)
        {
            throw new DataFileException(path, "truncated: the file ends inside the header");
        }
        byte major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new DataFileException(path, $"unsupported .npy format version {major}.{minor} (supported: 1.0, 2.0, 3.0)");
        }
        // Version 1.0 stores the header's length in 2 bytes, later versions in 4.
        int lengthEnd = major == 1 ? 10 : 12;
        if (prefix.Length < lengthEnd)
        {
            throw new DataFileException(path, "truncated: the file ends inside the header");
        }
        long headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..]);
        long dataOffset = lengthEnd + headerLength;
        if (dataOffset > length)
        {
            throw new DataFileException(path, "truncated: the file ends inside the header");
        }
        var bytes = new byte[headerLength];
        DataFiles.ReadExactly(file, bytes, lengthEnd);
        // Versions 1.0 and 2.0 store the header in Latin-1, 3.0 in UTF-8.
        string text = major == 3 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        return (NpyHeader.Parse(path, text), dataOffset);
    }
}
