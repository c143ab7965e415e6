namespace LowDim.Data;

/// <summary>
/// A dataset could not be downloaded: every source failed (unreachable, an HTTP error, a dropped
/// connection, a checksum mismatch) or the archive is unusable. The message is one line that names the
/// file and, for each source, what went wrong. Nothing is left under the file's final name.
/// </summary>
public sealed class DownloadException : Exception
{
    /// <summary>Creates the exception with a one-line <paramref name="message"/>.</summary>
    public DownloadException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
