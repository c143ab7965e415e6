namespace LowDim.Data;

/// <summary>What a gzip-compressed tarball holds: one folder with the files a dataset needs.</summary>
/// <param name="Folder">The folder the tarball extracts to, e.g. <c>cifar-10-batches-bin</c>.</param>
/// <param name="Files">The files that must be in it; the folder is complete when they all are.</param>
public sealed record DownloadArchive(string Folder, IReadOnlyList<string> Files);
