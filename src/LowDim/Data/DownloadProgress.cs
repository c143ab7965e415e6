namespace LowDim.Data;

/// <summary>What a download is doing, reported to an <see cref="IProgress{T}"/> as it goes.</summary>
/// <param name="File">The file, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Stage">What is happening to it.</param>
/// <param name="Bytes">Bytes received so far from the current source.</param>
/// <param name="TotalBytes">The file's size when the server sent it, else null.</param>
/// <param name="Detail">The source's URL while downloading; the reason when a source failed; else null.</param>
public sealed record DownloadProgress(string File, DownloadStage Stage, long Bytes = 0, long? TotalBytes = null, string? Detail = null);
