using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>
/// Reads the binary ("suitable for C programs") version of CIFAR-10 and CIFAR-100 (Krizhevsky 2009).
/// </summary>
/// <remarks>
/// A file is a sequence of rows with no header. A CIFAR-10 row is 1 label byte then 3072 pixel bytes;
/// a CIFAR-100 row is a coarse label byte, a fine label byte, then 3072 pixel bytes. The pixels are
/// channel-planar (1024 red, 1024 green, 1024 blue bytes, each a 32×32 image in row-major order), so a
/// row reshapes to (3, 32, 32) without reordering. The whole file is read in one go.
/// </remarks>
public static class CifarBinaryFile
{
    /// <summary>The pixel bytes of one 3×32×32 image.</summary>
    public const int PixelBytes = 3 * 32 * 32;

    /// <summary>Reads the rows of <paramref name="path"/>.</summary>
    /// <param name="path">A CIFAR binary file (e.g. data_batch_1.bin or train.bin).</param>
    /// <param name="labelBytes">Label bytes at the start of each row: 1 for CIFAR-10, 2 for CIFAR-100.</param>
    /// <param name="labelIndex">Which label byte to use: 0 for CIFAR-10; for CIFAR-100, 0 is the coarse (20-class) label and 1 the fine (100-class) one.</param>
    /// <param name="classes">Labels must be below this: 10, 100 or 20.</param>
    /// <returns>(N, 3, 32, 32) uint8 images and (N) int64 labels, on the CPU.</returns>
    /// <exception cref="DataFileException">
    /// The file is missing, empty, not a whole number of rows, or has a label of <paramref name="classes"/> or more.
    /// </exception>
    public static (Tensor Images, Tensor Labels) Read(string path, int labelBytes, int labelIndex, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(labelBytes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(labelIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(labelIndex, labelBytes);
        int rowBytes = labelBytes + PixelBytes;
        using var file = DataFiles.OpenRead(path);
        long length;
        try
        {
            length = RandomAccess.GetLength(file);
        }
        catch (IOException e)
        {
            throw DataFiles.CannotRead(path, e);
        }
        if (length == 0)
        {
            throw new DataFileException(path, "empty file, expected CIFAR rows");
        }
        if (length % rowBytes != 0)
        {
            throw new DataFileException(path,
                $"{length} bytes is not a whole number of {rowBytes}-byte CIFAR rows ({labelBytes} label byte{(labelBytes == 1 ? "" : "s")} + {PixelBytes} pixel bytes)");
        }
        long count = length / rowBytes;
        using var scope = NewDisposeScope();
        var rows = DataFiles.ReadTensor(path, file, 0, [count, rowBytes], ScalarType.Byte);
        var labels = rows.select(1, labelIndex).to(ScalarType.Int64);
        Labels.CheckRange(path, labels, classes);
        var images = rows.narrow(1, labelBytes, PixelBytes).contiguous().view(count, 3, 32, 32);
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
