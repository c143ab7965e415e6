using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>CIFAR-10 or CIFAR-100 in the binary format, as its tarball extracts: one folder of .bin files.</summary>
internal sealed class CifarDataset : FileDataset
{
    private readonly string _subfolder;
    private readonly string[] _trainFiles;
    private readonly string _testFile;
    private readonly int _labelBytes;
    private readonly int _labelIndex;

    /// <param name="name">The dataset's name.</param>
    /// <param name="subfolder">The folder the official tarball extracts to.</param>
    /// <param name="trainFiles">The training batches, in order.</param>
    /// <param name="testFile">The test batch.</param>
    /// <param name="labelBytes">Label bytes per row.</param>
    /// <param name="labelIndex">The label byte used (CIFAR-100: 1, the fine label).</param>
    /// <param name="classes">The number of classes.</param>
    public CifarDataset(string name, string subfolder, string[] trainFiles, string testFile, int labelBytes, int labelIndex, int classes)
        : base(name, classes)
    {
        _subfolder = subfolder;
        _trainFiles = trainFiles;
        _testFile = testFile;
        _labelBytes = labelBytes;
        _labelIndex = labelIndex;
    }

    public override string ExpectedFiles =>
        $"{_subfolder}/ with {(_trainFiles.Length == 1 ? _trainFiles[0] : $"{_trainFiles[0]}..{_trainFiles[^1]}")} and {_testFile}";

    /// <summary>Looks in <c>folder/subfolder</c> (the tarball extracted there), then in the folder itself.</summary>
    public override DatasetFiles? FindIn(string folder)
    {
        foreach (string candidate in new[] { Path.Combine(folder, _subfolder), folder })
        {
            string[] names = [.. _trainFiles, _testFile];
            bool[] exists = [.. names.Select(n => File.Exists(Path.Combine(candidate, n)))];
            int present = Array.IndexOf(exists, true);
            if (present < 0)
            {
                continue;
            }
            int missing = Array.IndexOf(exists, false);
            if (missing >= 0)
            {
                throw Incomplete(candidate, names[present], names[missing]);
            }
            return new DatasetFiles(Name, candidate, [.. _trainFiles.Select(n => Path.Combine(candidate, n))], [Path.Combine(candidate, _testFile)]);
        }
        return null;
    }

    public override (Tensor TrainImages, Tensor TrainLabels, Tensor TestImages, Tensor TestLabels) Read(DatasetFiles files)
    {
        var train = files.Train.Select(f => CifarBinaryFile.Read(f, _labelBytes, _labelIndex, Classes)).ToList();
        var (testImages, testLabels) = CifarBinaryFile.Read(files.Test[0], _labelBytes, _labelIndex, Classes);
        if (train.Count == 1)
        {
            return (train[0].Images, train[0].Labels, testImages, testLabels);
        }
        return (cat(train.Select(t => t.Images).ToList(), 0), cat(train.Select(t => t.Labels).ToList(), 0), testImages, testLabels);
    }
}
