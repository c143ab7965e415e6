namespace LowDim.Data;

/// <summary>Where a dataset is published and which files make it.</summary>
/// <param name="Name">The dataset, e.g. <c>mnist</c>.</param>
/// <param name="Sources">Base URLs (ending in /) that serve every file, tried in order until one gives a file with the right checksum.</param>
/// <param name="Files">The files to fetch.</param>
public sealed record DatasetDownload(string Name, IReadOnlyList<Uri> Sources, IReadOnlyList<DownloadFile> Files);
