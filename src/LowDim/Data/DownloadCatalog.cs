namespace LowDim.Data;

/// <summary>The official locations and MD5 sums of the datasets that <c>lowdim data get</c> fetches.</summary>
/// <remarks>
/// MNIST: LeCun's page is often down, so the mirror that PyTorch's torchvision uses comes first. Fashion-MNIST:
/// Zalando's S3 bucket, then its GitHub repository. CIFAR: the binary tarballs on Krizhevsky's page in
/// Toronto, with the MD5 sums it lists. The MNIST and Fashion-MNIST sums are those torchvision checks.
/// </remarks>
public static class DownloadCatalog
{
    private static readonly string[] IdxFiles =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>The catalog by dataset name: mnist, fashion-mnist, cifar10, cifar100.</summary>
    public static IReadOnlyDictionary<string, DatasetDownload> Official { get; } = new[]
    {
        new DatasetDownload("mnist",
            [new("https://ossci-datasets.s3.amazonaws.com/mnist/"), new("http://yann.lecun.com/exdb/mnist/")],
            Idx("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432", "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c")),
        new DatasetDownload("fashion-mnist",
            [new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), new("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")],
            Idx("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe", "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310")),
        new DatasetDownload("cifar10",
            [new("https://www.cs.toronto.edu/~kriz/")],
            [new DownloadFile("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530",
                new DownloadArchive("cifar-10-batches-bin", [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin"), "test_batch.bin"]))]),
        new DatasetDownload("cifar100",
            [new("https://www.cs.toronto.edu/~kriz/")],
            [new DownloadFile("cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8",
                new DownloadArchive("cifar-100-binary", ["train.bin", "test.bin"]))]),
    }.ToDictionary(d => d.Name);

    private static DownloadFile[] Idx(params string[] md5) => [.. IdxFiles.Zip(md5, (file, sum) => new DownloadFile(file, sum))];
}
