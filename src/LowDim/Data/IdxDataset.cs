using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>MNIST or Fashion-MNIST: four idx files, 10 classes, 1×H×W images (28×28 in the real datasets).</summary>
internal sealed class IdxDataset : FileDataset
{
    private static readonly string[] Stems =
        ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    public IdxDataset(string name, string? debianPackage) : base(name, 10)
    {
        DebianPackage = debianPackage;
    }

    public override string? DebianPackage { get; }

    public override string ExpectedFiles =>
        "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (or uncompressed)";

    /// <summary>
    /// The names an idx file goes by: the stem as published (<c>train-images-idx3-ubyte</c>) or with a dot
    /// (<c>train-images.idx3-ubyte</c>), each gzip-compressed (<c>.gz</c>) or not.
    /// </summary>
    public static IEnumerable<string> Names(string stem)
    {
        int dash = stem.LastIndexOf("-idx", StringComparison.Ordinal);
        string dotted = $"{stem[..dash]}.{stem[(dash + 1)..]}";
        return [$"{stem}.gz", stem, $"{dotted}.gz", dotted];
    }

    public override DatasetFiles? FindIn(string folder)
    {
        string?[] found = [.. Stems.Select(stem => Names(stem).Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists))];
        int present = Array.FindIndex(found, f => f is not null);
        if (present < 0)
        {
            return null;
        }
        int missing = Array.FindIndex(found, f => f is null);
        if (missing >= 0)
        {
            throw Incomplete(folder, Path.GetFileName(found[present])!, $"{Stems[missing]}[.gz]");
        }
        return new DatasetFiles(Name, folder, [found[0]!, found[1]!], [found[2]!, found[3]!]);
    }

    public override (Tensor TrainImages, Tensor TrainLabels, Tensor TestImages, Tensor TestLabels) Read(DatasetFiles files)
    {
        var (trainImages, trainLabels) = ReadSplit(files.Train[0], files.Train[1]);
        var (testImages, testLabels) = ReadSplit(files.Test[0], files.Test[1]);
        if (testImages.shape[2] != trainImages.shape[2] || testImages.shape[3] != trainImages.shape[3])
        {
            throw new DataFileException(files.Test[0],
                $"images are {testImages.shape[2]}×{testImages.shape[3]} but the training images in {files.Train[0]} are {trainImages.shape[2]}×{trainImages.shape[3]}");
        }
        return (trainImages, trainLabels, testImages, testLabels);
    }

    private (Tensor Images, Tensor Labels) ReadSplit(string imagesPath, string labelsPath)
    {
        var images = IdxFile.Read(imagesPath);
        if (images.dim() != 3)
        {
            throw new DataFileException(imagesPath, $"images must be a 3-D idx array (N, rows, columns), got shape {TensorText.Shape(images.shape)}");
        }
        var labels = IdxFile.Read(labelsPath);
        if (labels.dim() != 1)
        {
            throw new DataFileException(labelsPath, $"labels must be a 1-D idx array (N), got shape {TensorText.Shape(labels.shape)}");
        }
        if (labels.shape[0] != images.shape[0])
        {
            throw new DataFileException(labelsPath, $"{labels.shape[0]} labels for {images.shape[0]} images in {imagesPath}");
        }
        var wide = labels.to(ScalarType.Int64);
        Labels.CheckRange(labelsPath, wide, Classes);
        return (images.unsqueeze(1), wide);
    }
}
