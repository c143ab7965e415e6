using LowDim.Data;
using static LowDim.Tests.Data.DatasetFixtures;
using static TorchSharp.torch;

namespace LowDim.Tests.Data;

public sealed class CifarBinaryFileTests
{
    [Fact]
    public void Cifar10RowsBecomeChannelPlanarImages()
    {
        using var folder = new TempFolder();
        string path = folder.Write("batch.bin", CifarRows([[3], [7], [0]]));
        var (images, labels) = CifarBinaryFile.Read(path, 1, 0, 10);
        using (images)
        using (labels)
        {
            Assert.Equal([3L, 3, 32, 32], images.shape);
            Assert.Equal(ScalarType.Int64, labels.dtype);
            Assert.Equal([3L, 7, 0], labels.data<long>().ToArray());
            // Row 1, channel 2 (blue), pixel (5, 6) is byte 2·1024 + 5·32 + 6 of the row's pixels.
            Assert.Equal((1 + 2 * 1024 + 5 * 32 + 6) % 256, images[1, 2, 5, 6].item<byte>());
        }
    }

    [Fact]
    public void Cifar100UsesTheFineLabel()
    {
        using var folder = new TempFolder();
        string path = folder.Write("train.bin", CifarRows([[4, 99], [19, 42]]));
        var (images, fine) = CifarBinaryFile.Read(path, 2, 1, 100);
        var (coarseImages, coarse) = CifarBinaryFile.Read(path, 2, 0, 20);
        using (images) using (fine) using (coarseImages) using (coarse)
        {
            Assert.Equal([99L, 42], fine.data<long>().ToArray());
            Assert.Equal([4L, 19], coarse.data<long>().ToArray());
            Assert.Equal(2 % 256, images[0, 0, 0, 2].item<byte>());
        }
    }

    [Fact]
    public void PartialRowIsNamed()
    {
        using var folder = new TempFolder();
        string path = folder.Write("batch.bin", CifarRows([[1], [2]])[..^5]);
        var error = Assert.Throws<DataFileException>(() => CifarBinaryFile.Read(path, 1, 0, 10));
        Assert.Equal($"{path}: 6141 bytes is not a whole number of 3073-byte CIFAR rows (1 label byte + 3072 pixel bytes)", error.Message);
    }

    [Fact]
    public void EmptyFileIsNamed()
    {
        using var folder = new TempFolder();
        string path = folder.Write("batch.bin", []);
        var error = Assert.Throws<DataFileException>(() => CifarBinaryFile.Read(path, 1, 0, 10));
        Assert.Equal($"{path}: empty file, expected CIFAR rows", error.Message);
    }

    [Fact]
    public void LabelOutOfRangeIsNamed()
    {
        using var folder = new TempFolder();
        string path = folder.Write("batch.bin", CifarRows([[1], [2], [10]]));
        var error = Assert.Throws<DataFileException>(() => CifarBinaryFile.Read(path, 1, 0, 10));
        Assert.Equal($"{path}: label 10 at index 2 is out of range 0..9", error.Message);
    }
}
