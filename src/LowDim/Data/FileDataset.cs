using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>A dataset stored in files: how to recognise its files in a folder and how to read them.</summary>
internal abstract class FileDataset
{
    /// <summary>Every dataset LowDim reads from files, by name.</summary>
    public static readonly IReadOnlyList<FileDataset> All =
    [
        new IdxDataset("mnist", null),
        new IdxDataset("fashion-mnist", "dataset-fashion-mnist"),
        new CifarDataset("cifar10", "cifar-10-batches-bin", [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")], "test_batch.bin", 1, 0, 10),
        new CifarDataset("cifar100", "cifar-100-binary", ["train.bin"], "test.bin", 2, 1, 100),
    ];

    protected FileDataset(string name, int classes)
    {
        Name = name;
        Classes = classes;
    }

    /// <summary>The dataset's name, e.g. <c>cifar10</c>.</summary>
    public string Name { get; }

    /// <summary>The number of classes K.</summary>
    public int Classes { get; }

    /// <summary>The Debian package that installs the dataset, or null when there is none.</summary>
    public virtual string? DebianPackage => null;

    /// <summary>The files a folder must hold, for messages.</summary>
    public abstract string ExpectedFiles { get; }

    /// <summary>The dataset by name, or null when there is none by that name.</summary>
    public static FileDataset? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>The dataset's files in <paramref name="folder"/>, or null when none of them is there.</summary>
    /// <exception cref="DataFileException">Some of the files are there but not all.</exception>
    public abstract DatasetFiles? FindIn(string folder);

    /// <summary>
    /// Reads the files: (N, C, H, W) uint8 images and (N) int64 labels for each split, as tensors in the current
    /// dispose scope.
    /// </summary>
    /// <exception cref="DataFileException">A file is unreadable or corrupt, or the files do not fit together.</exception>
    public abstract (Tensor TrainImages, Tensor TrainLabels, Tensor TestImages, Tensor TestLabels) Read(DatasetFiles files);

    /// <summary>The error for a folder that holds some of the files but not <paramref name="missing"/>.</summary>
    protected DataFileException Incomplete(string folder, string present, string missing) =>
        new(folder, $"holds {present} but not {missing}; the {Name} files are incomplete (run 'lowdim data get {Name} --to {folder}' to complete them)");
}
