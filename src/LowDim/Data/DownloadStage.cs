namespace LowDim.Data;

/// <summary>The stages of one file in <see cref="DatasetDownloader.GetAsync"/>.</summary>
public enum DownloadStage
{
    /// <summary>The file (or the folder its tarball extracts to) is already there, with the right checksum; nothing is fetched.</summary>
    AlreadyPresent,

    /// <summary>Bytes are arriving from a source.</summary>
    Downloading,

    /// <summary>A source failed (the detail says why); the next one is tried.</summary>
    SourceFailed,

    /// <summary>The verified tarball is being extracted.</summary>
    Extracting,

    /// <summary>The file is verified and in place under its final name.</summary>
    Done,
}
