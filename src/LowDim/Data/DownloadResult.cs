namespace LowDim.Data;

/// <summary>What <see cref="DatasetDownloader.GetAsync"/> did.</summary>
/// <param name="Name">The dataset.</param>
/// <param name="Folder">The folder the dataset is now in; pass it as <c>--data-dir</c>, or find it there by default when it is <c>~/.lowdim/data/NAME</c>.</param>
/// <param name="Downloaded">The files fetched, verified and put in place.</param>
/// <param name="AlreadyPresent">The files that were already there and were not fetched.</param>
public sealed record DownloadResult(string Name, string Folder, IReadOnlyList<string> Downloaded, IReadOnlyList<string> AlreadyPresent);
