using System.Buffers.Binary;
using System.IO.Compression;
using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>
/// Reads the idx format of MNIST and Fashion-MNIST (LeCun et al.), plain or gzip-compressed.
/// </summary>
/// <remarks>
/// An idx file is a 4-byte magic number (two zero bytes, a type byte, the number of dimensions),
/// one big-endian 32-bit size per dimension, then the data in C order. LowDim reads type 0x08
/// (unsigned bytes), the type of every MNIST-like file. Gzip is recognised by its first two bytes,
/// not by the file's name. The data goes straight from the (decompressed) stream into the tensor.
/// </remarks>
public static class IdxFile
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads the array in <paramref name="path"/>.</summary>
    /// <returns>A CPU uint8 tensor with the file's shape, e.g. (60000, 28, 28) for images, (60000) for labels.</returns>
    /// <exception cref="DataFileException">
    /// The file is missing, is not an idx file (wrong magic number), holds a type other than unsigned bytes,
    /// is truncated, has bytes after the data, or is corrupt gzip.
    /// </exception>
    public static Tensor Read(string path)
    {
        using var handle = DataFiles.OpenRead(path);
        try
        {
            using var file = new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16);
            Span<byte> gzipMagic = stackalloc byte[2];
            int start = file.ReadAtLeast(gzipMagic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            bool compressed = start == 2 && gzipMagic[0] == 0x1f && gzipMagic[1] == 0x8b;
            using Stream stream = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
            long[] shape = ReadHeader(path, stream);
            return ReadData(path, stream, shape);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, $"corrupt gzip data: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw DataFiles.CannotRead(path, e);
        }
    }

    private static long[] ReadHeader(string path, Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
        {
            throw new DataFileException(path, "truncated: the file ends inside the idx header");
        }
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new DataFileException(path,
                $"not an idx file: magic number 0x{Convert.ToHexString(magic)}, expected 0x0000 then a type and a dimension count");
        }
        if (magic[2] != UnsignedByte)
        {
            throw new DataFileException(path, $"idx data type 0x{magic[2]:X2} is not supported (LowDim reads unsigned bytes, 0x08)");
        }
        int dimensions = magic[3];
        if (dimensions == 0)
        {
            throw new DataFileException(path, "the idx header declares 0 dimensions");
        }
        Span<byte> sizes = stackalloc byte[4 * dimensions];
        if (stream.ReadAtLeast(sizes, sizes.Length, throwOnEndOfStream: false) < sizes.Length)
        {
            throw new DataFileException(path, "truncated: the file ends inside the idx header");
        }
        var shape = new long[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            shape[i] = BinaryPrimitives.ReadUInt32BigEndian(sizes[(4 * i)..]);
        }
        return shape;
    }

    private static Tensor ReadData(string path, Stream stream, long[] shape)
    {
        long expected;
        try
        {
            expected = TensorText.ByteCount(shape, ScalarType.Byte);
        }
        catch (OverflowException e)
        {
            throw new DataFileException(path, $"the idx header's shape {TensorText.Shape(shape)} does not fit in 64 bits", e);
        }
        var tensor = empty(shape, ScalarType.Byte);
        try
        {
            long found = 0;
            TensorMemory.ForEachSlice(tensor, (slice, _) =>
            {
                int read = stream.ReadAtLeast(slice, slice.Length, throwOnEndOfStream: false);
                found += read;
                if (read < slice.Length)
                {
                    throw new DataFileException(path,
                        $"truncated: the idx header promises shape {TensorText.Shape(shape)}, {expected} bytes of data, found {found}");
                }
            });
            Span<byte> extra = stackalloc byte[1];
            if (stream.Read(extra) > 0)
            {
                throw new DataFileException(path, $"bytes after the {expected} bytes of data that the idx header's shape {TensorText.Shape(shape)} describes");
            }
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }
}
