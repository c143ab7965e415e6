using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>Loads a dataset by name: finds or generates it, then subsets, relabels and normalises it.</summary>
public static class Datasets
{
    /// <summary>The names <see cref="Load(string, DatasetOptions)"/> knows: mnist, fashion-mnist, cifar10, cifar100, gaussian-mixture.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. FileDataset.All.Select(d => d.Name), GaussianMixture.Name];

    /// <summary>Loads <paramref name="name"/>, searching the folders of <see cref="DatasetLocator.FromEnvironment"/>.</summary>
    /// <inheritdoc cref="Load(string, DatasetOptions, DatasetLocator)"/>
    public static DatasetPair Load(string name, DatasetOptions options) => Load(name, options, DatasetLocator.FromEnvironment());

    /// <summary>Loads <paramref name="name"/> and prepares it as <paramref name="options"/> say.</summary>
    /// <remarks>
    /// In order: read the files (or generate the mixture), scale images to [0, 1] as float32, take the
    /// <see cref="DatasetOptions.PerClass"/> training subset, draw <see cref="DatasetOptions.RandomLabels"/>,
    /// then normalise both splits by the training split's statistics. The same options give bit-identical data.
    /// </remarks>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="options">Where to look and how to prepare the data.</param>
    /// <param name="locator">The folders to search after <see cref="DatasetOptions.DataDir"/>.</param>
    /// <returns>The training and test splits, named <c>NAME/train</c> and <c>NAME/test</c>, on the CPU.</returns>
    /// <exception cref="InvalidInputException">
    /// An unknown name (the message lists the known ones), a dataset that is not found (the message says how to
    /// get it), or options out of range.
    /// </exception>
    /// <exception cref="DataFileException">A file is missing from a folder that holds the others, unreadable or corrupt.</exception>
    public static DatasetPair Load(string name, DatasetOptions options, DatasetLocator locator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(locator);
        using var scope = NewDisposeScope();
        Tensor trainInputs, trainLabels, testInputs, testLabels;
        int classes;
        string? folder = null;
        if (name == GaussianMixture.Name)
        {
            (trainInputs, trainLabels, testInputs, testLabels) = GaussianMixture.Generate(options);
            classes = options.MixtureClasses;
        }
        else
        {
            var dataset = FileDataset.Find(name)
                ?? throw new InvalidInputException($"unknown dataset '{name}'; known: {string.Join(", ", Names)}");
            var files = locator.Locate(name, options.DataDir);
            folder = files.Folder;
            var (trainImages, trainBytes, testImages, testBytes) = dataset.Read(files);
            trainInputs = trainImages.to(ScalarType.Float32).div_(255);
            testInputs = testImages.to(ScalarType.Float32).div_(255);
            (trainLabels, testLabels) = (trainBytes, testBytes);
            classes = dataset.Classes;
        }
        if (options.PerClass is int perClass)
        {
            (trainInputs, trainLabels) = DatasetTransforms.BalancedSubset(trainInputs, trainLabels, classes, perClass, options.Seed, $"{name}/train");
        }
        if (options.RandomLabels)
        {
            trainLabels = DatasetTransforms.RandomLabels(trainLabels.shape[0], classes, options.Seed);
        }
        Normalization? normalization = null;
        if (options.Normalize)
        {
            normalization = DatasetTransforms.Normalize(trainInputs, testInputs);
        }
        var train = new LabelledData(trainInputs.contiguous().MoveToOuterDisposeScope(), trainLabels.contiguous().MoveToOuterDisposeScope(), classes, $"{name}/train");
        var test = new LabelledData(testInputs.contiguous().MoveToOuterDisposeScope(), testLabels.contiguous().MoveToOuterDisposeScope(), classes, $"{name}/test");
        return new DatasetPair(train, test) { Normalization = normalization, Folder = folder };
    }
}
