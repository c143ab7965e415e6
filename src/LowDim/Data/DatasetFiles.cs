namespace LowDim.Data;

/// <summary>Where a dataset's files were found.</summary>
/// <param name="Name">The dataset, e.g. <c>fashion-mnist</c>.</param>
/// <param name="Folder">The folder that holds the files.</param>
/// <param name="Train">The training split's files: for idx datasets the images then the labels; for CIFAR the batches.</param>
/// <param name="Test">The test split's files, in the same order.</param>
public sealed record DatasetFiles(string Name, string Folder, IReadOnlyList<string> Train, IReadOnlyList<string> Test);
