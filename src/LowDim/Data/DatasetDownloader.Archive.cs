using System.Formats.Tar;
using System.IO.Compression;

namespace LowDim.Data;

public sealed partial class DatasetDownloader
{
    /// <summary>
    /// Extracts the verified tarball <paramref name="tarball"/> into a temporary folder in <paramref name="toDir"/>,
    /// checks that it holds <paramref name="archive"/>'s files, and renames its folder into place.
    /// </summary>
    private static async Task ExtractAsync(string fileName, string tarball, DownloadArchive archive, string toDir,
        CancellationToken cancellationToken)
    {
        string staging = Path.Combine(toDir, $".{archive.Folder}.{Guid.NewGuid():N}.extract");
        try
        {
            Directory.CreateDirectory(staging);
            await using (var compressed = File.OpenRead(tarball))
            await using (var tar = new GZipStream(compressed, CompressionMode.Decompress))
            {
                // TarFile refuses entries that would land outside the staging folder.
                await TarFile.ExtractToDirectoryAsync(tar, staging, overwriteFiles: false, cancellationToken);
            }
            string extracted = Path.Combine(staging, archive.Folder);
            string? missing = archive.Files.FirstOrDefault(f => !File.Exists(Path.Combine(extracted, f)));
            if (missing is not null)
            {
                throw new DownloadException($"{fileName}: the archive has no {archive.Folder}/{missing}");
            }
            string target = Path.Combine(toDir, archive.Folder);
            if (Directory.Exists(target))
            {
                // It lacks some of the files (else the tarball would not have been fetched): replace it whole.
                Directory.Delete(target, recursive: true);
            }
            Directory.Move(extracted, target);
        }
        catch (InvalidDataException e)
        {
            throw new DownloadException($"{fileName}: not a valid gzip-compressed tarball: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
