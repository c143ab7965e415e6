using System.Buffers.Binary;
using System.IO.Compression;

namespace LowDim.Tests.Data;

/// <summary>Small files in the real dataset formats, with contents that tests can predict.</summary>
internal static class DatasetFixtures
{
    /// <summary>An idx file of unsigned bytes with the given shape and data.</summary>
    public static byte[] Idx(int[] shape, byte[] data)
    {
        var bytes = new byte[4 + 4 * shape.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)shape.Length;
        for (int i = 0; i < shape.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), shape[i]);
        data.CopyTo(bytes, 4 + 4 * shape.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest)) gzip.Write(bytes);
        return memory.ToArray();
    }

    /// <summary>Pixel j of image i is (i·7 + j) mod 256.</summary>
    public static byte[] Pixels(int count, int pixelsPerImage) =>
        [.. Enumerable.Range(0, count * pixelsPerImage).Select(j => (byte)((j / pixelsPerImage * 7 + j % pixelsPerImage) % 256))];

    /// <summary>Labels i mod classes, after <paramref name="offset"/>.</summary>
    public static byte[] CyclicLabels(int count, int classes, int offset = 0) => [.. Enumerable.Range(offset, count).Select(i => (byte)(i % classes))];

    /// <summary>The four idx files of an MNIST-like dataset of 4×3 images in <paramref name="folder"/>.</summary>
    public static void WriteIdxDataset(string folder, int train, int test, bool gzip = true, bool dotted = false)
    {
        Directory.CreateDirectory(folder);
        void Write(string stem, byte[] bytes)
        {
            string name = dotted ? stem.Replace("-idx", ".idx") : stem;
            File.WriteAllBytes(Path.Combine(folder, gzip ? name + ".gz" : name), gzip ? Gzip(bytes) : bytes);
        }
        Write("train-images-idx3-ubyte", Idx([train, 4, 3], Pixels(train, 12)));
        Write("train-labels-idx1-ubyte", Idx([train], CyclicLabels(train, 10)));
        Write("t10k-images-idx3-ubyte", Idx([test, 4, 3], Pixels(test, 12)));
        Write("t10k-labels-idx1-ubyte", Idx([test], CyclicLabels(test, 10, 3)));
    }

    /// <summary>CIFAR rows: label bytes then 3072 pixel bytes, pixel j of row i being (i + j) mod 256.</summary>
    public static byte[] CifarRows(byte[][] labels, int firstRow = 0)
    {
        int labelBytes = labels[0].Length;
        var bytes = new byte[labels.Length * (labelBytes + 3072)];
        for (int i = 0; i < labels.Length; i++)
        {
            var row = bytes.AsSpan(i * (labelBytes + 3072), labelBytes + 3072);
            labels[i].CopyTo(row);
            for (int j = 0; j < 3072; j++) row[labelBytes + j] = (byte)((firstRow + i + j) % 256);
        }
        return bytes;
    }

    /// <summary>cifar-10-batches-bin/ with five training batches of <paramref name="perBatch"/> rows and a test batch.</summary>
    public static string WriteCifar10(string folder, int perBatch, int test)
    {
        string batches = Path.Combine(folder, "cifar-10-batches-bin");
        Directory.CreateDirectory(batches);
        for (int b = 1; b <= 5; b++)
        {
            int first = (b - 1) * perBatch;
            File.WriteAllBytes(Path.Combine(batches, $"data_batch_{b}.bin"),
                CifarRows([.. Enumerable.Range(first, perBatch).Select(i => new[] { (byte)(i % 10) })], first));
        }
        File.WriteAllBytes(Path.Combine(batches, "test_batch.bin"), CifarRows([.. Enumerable.Range(0, test).Select(i => new[] { (byte)(9 - i % 10) })]));
        return batches;
    }

    /// <summary>cifar-100-binary/ with train.bin and test.bin; coarse label i mod 20, fine label i mod 100.</summary>
    public static string WriteCifar100(string folder, int train, int test)
    {
        string binary = Path.Combine(folder, "cifar-100-binary");
        Directory.CreateDirectory(binary);
        File.WriteAllBytes(Path.Combine(binary, "train.bin"), CifarRows([.. Enumerable.Range(0, train).Select(i => new[] { (byte)(i % 20), (byte)(i % 100) })]));
        File.WriteAllBytes(Path.Combine(binary, "test.bin"), CifarRows([.. Enumerable.Range(0, test).Select(i => new[] { (byte)(i % 20), (byte)((i + 50) % 100) })]));
        return binary;
    }

    /// <summary>A locator that searches nothing but what a test names.</summary>
    public static LowDim.Data.DatasetLocator IsolatedLocator(string? environmentDir = null, string? userDataRoot = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? standardPlaces = null) => new()
    {
        EnvironmentDir = environmentDir,
        UserDataRoot = userDataRoot,
        StandardPlaces = standardPlaces ?? new Dictionary<string, IReadOnlyList<string>>(),
    };
}
