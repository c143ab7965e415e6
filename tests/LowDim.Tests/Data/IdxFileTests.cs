using LowDim.Data;
using static LowDim.Tests.Data.DatasetFixtures;
using static TorchSharp.torch;

namespace LowDim.Tests.Data;

public sealed class IdxFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsShapeAndBytes(bool gzip)
    {
        using var folder = new TempFolder();
        byte[] pixels = Pixels(5, 12);
        byte[] file = Idx([5, 4, 3], pixels);
        string path = folder.Write("images", gzip ? Gzip(file) : file);
        using var tensor = IdxFile.Read(path);
        Assert.Equal(ScalarType.Byte, tensor.dtype);
        Assert.Equal([5L, 4, 3], tensor.shape);
        Assert.Equal(pixels, tensor.data<byte>().ToArray());
    }

    public static TheoryData<string, byte[], string> Corrupt => new()
    {
        { "wrong magic", [0x08, 0x03, 0, 0, 0, 0, 0, 1], "not an idx file: magic number 0x08030000" },
        { "float type", [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0], "idx data type 0x0D is not supported" },
        { "no dimensions", [0, 0, 0x08, 0], "declares 0 dimensions" },
        { "short header", [0, 0, 0x08, 3, 0, 0, 0, 2], "truncated: the file ends inside the idx header" },
        { "empty", [], "truncated: the file ends inside the idx header" },
        { "short data", Idx([2, 2], [1, 2, 3, 4])[..^1], "truncated: the idx header promises shape (2, 2), 4 bytes of data, found 3" },
        { "extra data", [.. Idx([2], [1, 2]), 9], "bytes after the 2 bytes of data" },
    };

    [Theory]
    [MemberData(nameof(Corrupt))]
    public void CorruptFilesNameTheFileAndTheProblem(string name, byte[] bytes, string problem)
    {
        using var folder = new TempFolder();
        foreach (bool gzip in new[] { false, true })
        {
            string path = folder.Write($"{name}{(gzip ? ".gz" : "")}", gzip ? Gzip(bytes) : bytes);
            var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path));
            Assert.Equal(path, error.Path);
            Assert.Contains(problem, error.Message);
            Assert.StartsWith(path + ": ", error.Message);
        }
    }

    [Fact]
    public void CorruptGzipIsNamed()
    {
        using var folder = new TempFolder();
        byte[] gzip = Gzip(Idx([3], [1, 2, 3]));
        gzip[12] ^= 0xFF;
        gzip[13] ^= 0xFF;
        string path = folder.Write("bad.gz", gzip);
        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path));
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(folder.File("absent.gz")));
        Assert.Contains("file not found", error.Message);
    }
}
