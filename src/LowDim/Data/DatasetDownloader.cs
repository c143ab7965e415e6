using System.Buffers;
using System.Security.Cryptography;

namespace LowDim.Data;

/// <summary>
/// Fetches a dataset's files from their publishers, verifies their MD5 sums and puts them in a folder where
/// <see cref="DatasetLocator"/> finds them. A file appears under its final name complete and verified, or not
/// at all: it is written to a temporary file in the target folder and renamed once its checksum matches;
/// tarballs are extracted into a temporary folder that is renamed into place.
/// </summary>
public sealed partial class DatasetDownloader
{
    private readonly HttpClient _client;

    /// <summary>A downloader that fetches with <paramref name="client"/>, which the caller owns.</summary>
    public DatasetDownloader(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>The datasets and their sources; <see cref="DownloadCatalog.Official"/> unless replaced.</summary>
    public IReadOnlyDictionary<string, DatasetDownload> Catalog { get; init; } = DownloadCatalog.Official;

    /// <summary>A base URL (<c>--mirror</c>) that replaces every dataset's sources; null to use the catalog's.</summary>
    public Uri? Mirror { get; init; }

    /// <summary>How long a source may send nothing before it counts as failed.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Fetches dataset <paramref name="name"/> into <paramref name="toDir"/>, skipping files already there with
    /// the right checksum. Each file is tried from each source in turn until one gives the right bytes.
    /// </summary>
    /// <param name="name">One of the catalog's names.</param>
    /// <param name="toDir">The folder to put the files in; it is created if needed.</param>
    /// <param name="progress">Told about every stage of every file and every chunk received; may be null.</param>
    /// <param name="cancellationToken">Stops the download; temporary files are removed.</param>
    /// <exception cref="InvalidInputException">The catalog has no dataset by that name.</exception>
    /// <exception cref="DownloadException">A file could not be had from any source with the right checksum, or its tarball is unusable.</exception>
    /// <exception cref="DataFileException">The folder cannot be written.</exception>
    public async Task<DownloadResult> GetAsync(string name, string toDir, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!Catalog.TryGetValue(name, out var dataset))
        {
            string generated = name == GaussianMixture.Name ? $"{name} is generated and needs no download; " : $"unknown dataset '{name}'; ";
            throw new InvalidInputException($"{generated}datasets to download: {string.Join(", ", Catalog.Keys)}");
        }
        IReadOnlyList<Uri> sources = Mirror is null ? dataset.Sources : [Mirror];
        try
        {
            Directory.CreateDirectory(toDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFileException(toDir, $"cannot create the folder: {e.Message}", e);
        }
        var downloaded = new List<string>();
        var present = new List<string>();
        foreach (var file in dataset.Files)
        {
            if (await IsPresentAsync(toDir, file, cancellationToken))
            {
                progress?.Report(new DownloadProgress(file.FileName, DownloadStage.AlreadyPresent));
                present.Add(file.FileName);
                continue;
            }
            string temporary = Path.Combine(toDir, $".{file.FileName}.{Guid.NewGuid():N}.part");
            try
            {
                await FetchVerifiedAsync(file, sources, temporary, progress, cancellationToken);
                if (file.Archive is { } archive)
                {
                    progress?.Report(new DownloadProgress(file.FileName, DownloadStage.Extracting));
                    await ExtractAsync(file.FileName, temporary, archive, toDir, cancellationToken);
                }
                else
                {
                    File.Move(temporary, Path.Combine(toDir, file.FileName), overwrite: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new DataFileException(toDir, $"cannot write {file.FileName}: {e.Message}", e);
            }
            finally
            {
                File.Delete(temporary);
            }
            progress?.Report(new DownloadProgress(file.FileName, DownloadStage.Done));
            downloaded.Add(file.FileName);
        }
        return new DownloadResult(name, toDir, downloaded, present);
    }

    /// <summary>A kept file is present when its MD5 matches; a tarball when its folder holds all its files.</summary>
    private static async Task<bool> IsPresentAsync(string toDir, DownloadFile file, CancellationToken cancellationToken)
    {
        if (file.Archive is { } archive)
        {
            string folder = Path.Combine(toDir, archive.Folder);
            return archive.Files.All(f => File.Exists(Path.Combine(folder, f)));
        }
        string path = Path.Combine(toDir, file.FileName);
        if (!File.Exists(path))
        {
            return false;
        }
        await using var stream = File.OpenRead(path);
        byte[] hash = await MD5.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash) == file.Md5;
    }

    /// <summary>Downloads <paramref name="file"/> to <paramref name="temporary"/> from the first source that gives the right MD5.</summary>
    private async Task FetchVerifiedAsync(DownloadFile file, IReadOnlyList<Uri> sources, string temporary,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var source in sources)
        {
            var url = new Uri(source.AbsoluteUri.EndsWith('/') ? source : new Uri(source.AbsoluteUri + "/"), file.FileName);
            string? failure;
            try
            {
                string md5 = await FetchAsync(file.FileName, url, temporary, progress, cancellationToken);
                failure = md5 == file.Md5 ? null : $"MD5 {md5}, expected {file.Md5}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no data for {StallTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException e)
            {
                failure = OneLine(e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message);
            }
            catch (IOException e)
            {
                failure = OneLine(e.Message);
            }
            if (failure is null)
            {
                return;
            }
            failures.Add($"{url}: {failure}");
            progress?.Report(new DownloadProgress(file.FileName, DownloadStage.SourceFailed, Detail: $"{url}: {failure}"));
        }
        throw new DownloadException($"cannot download {file.FileName}: {string.Join("; ", failures)}");
    }

    /// <summary>Streams <paramref name="url"/> into <paramref name="temporary"/>; returns the MD5 of what arrived.</summary>
    private async Task<string> FetchAsync(string fileName, Uri url, string temporary, IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(StallTimeout);
        using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stall.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        long? total = response.Content.Headers.ContentLength;
        await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
        await using var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long received = 0;
            progress?.Report(new DownloadProgress(fileName, DownloadStage.Downloading, 0, total, url.ToString()));
            while (true)
            {
                stall.CancelAfter(StallTimeout);
                int read = await body.ReadAsync(buffer, stall.Token);
                if (read == 0)
                {
                    break;
                }
                md5.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), stall.Token);
                received += read;
                progress?.Report(new DownloadProgress(fileName, DownloadStage.Downloading, received, total, url.ToString()));
            }
            if (total is long expected && received != expected)
            {
                throw new IOException($"the connection closed after {received} of {expected} bytes");
            }
            await output.FlushAsync(stall.Token);
            output.Flush(flushToDisk: true);
            return Convert.ToHexStringLower(md5.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
