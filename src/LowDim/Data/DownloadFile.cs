namespace LowDim.Data;

/// <summary>One file of a dataset as its publishers serve it.</summary>
/// <param name="FileName">The file's name at every source and on disk, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Md5">The publishers' MD5 sum of the file, 32 lowercase hexadecimal digits.</param>
/// <param name="Archive">For a tarball that is extracted rather than kept: what it must contain; null for a file kept as is.</param>
public sealed record DownloadFile(string FileName, string Md5, DownloadArchive? Archive = null);
