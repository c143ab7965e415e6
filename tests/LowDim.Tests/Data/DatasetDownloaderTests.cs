using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using LowDim.Data;
using static LowDim.Tests.Data.DatasetFixtures;

namespace LowDim.Tests.Data;

public sealed class DatasetDownloaderTests
{
    private static readonly string[] IdxNames =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>Reports synchronously, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder : IProgress<DownloadProgress>
    {
        public ConcurrentQueue<DownloadProgress> Reports { get; } = new();

        public void Report(DownloadProgress value) => Reports.Enqueue(value);

        public string[] Files(DownloadStage stage) => [.. Reports.Where(r => r.Stage == stage).Select(r => r.File)];
    }

    /// <summary>The four gzip idx files of a tiny MNIST-like dataset, by name.</summary>
    private static Dictionary<string, byte[]> IdxFiles()
    {
        using var folder = new TempFolder();
        WriteIdxDataset(folder.Path, 30, 10);
        return IdxNames.ToDictionary(n => n, n => File.ReadAllBytes(folder.File(n)));
    }

    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    private static DatasetDownload Catalogue(string name, IEnumerable<Uri> sources, IReadOnlyDictionary<string, byte[]> files) =>
        new(name, [.. sources], [.. files.Select(f => new DownloadFile(f.Key, Md5(f.Value)))]);

    private static DatasetDownloader Downloader(HttpClient client, params DatasetDownload[] catalog) =>
        new(client) { Catalog = catalog.ToDictionary(d => d.Name), StallTimeout = TimeSpan.FromSeconds(5) };

    private static HttpClient Client() => new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task DownloadsVerifiesAndSkipsWhatIsPresent()
    {
        var files = IdxFiles();
        using var server = new LoopbackHttpServer(files.ToDictionary(f => "/fashion/" + f.Key, f => f.Value));
        using var client = Client();
        using var target = new TempFolder();
        var downloader = Downloader(client, Catalogue("fashion-mnist", [server.Url("fashion/")], files));
        var recorder = new Recorder();

        var result = await downloader.GetAsync("fashion-mnist", target.Path, recorder);

        Assert.Equal(IdxNames, result.Downloaded);
        Assert.Empty(result.AlreadyPresent);
        Assert.Equal(IdxNames.Order(), target.FileNames());
        Assert.Equal(IdxNames, recorder.Files(DownloadStage.Done));
        var last = recorder.Reports.Last(r => r.Stage == DownloadStage.Downloading && r.File == IdxNames[0]);
        Assert.Equal(files[IdxNames[0]].Length, last.Bytes);
        Assert.Equal(files[IdxNames[0]].Length, last.TotalBytes);
        using (var pair = Datasets.Load("fashion-mnist", new DatasetOptions { DataDir = target.Path }, IsolatedLocator()))
        {
            Assert.Equal(30, pair.Train.Count);
        }

        int requests = server.Requests;
        var again = await downloader.GetAsync("fashion-mnist", target.Path);
        Assert.Equal(IdxNames, again.AlreadyPresent);
        Assert.Equal(requests, server.Requests);
    }

    [Fact]
    public async Task AFileWithTheWrongChecksumIsReplaced()
    {
        var files = IdxFiles();
        using var server = new LoopbackHttpServer(files.ToDictionary(f => "/" + f.Key, f => f.Value));
        using var client = Client();
        using var target = new TempFolder();
        target.Write(IdxNames[1], [1, 2, 3]);
        var result = await Downloader(client, Catalogue("mnist", [server.BaseUri], files)).GetAsync("mnist", target.Path);
        Assert.Equal(IdxNames, result.Downloaded);
        Assert.Equal(files[IdxNames[1]], File.ReadAllBytes(target.File(IdxNames[1])));
    }

    [Fact]
    public async Task ChecksumMismatchIsOneLineAndLeavesNothing()
    {
        var files = IdxFiles();
        using var server = new LoopbackHttpServer(files.ToDictionary(f => "/" + f.Key, f => f.Value));
        using var client = Client();
        using var target = new TempFolder();
        const string wrong = "0123456789abcdef0123456789abcdef";
        var catalog = new DatasetDownload("mnist", [server.BaseUri], [new DownloadFile(IdxNames[0], wrong)]);

        var error = await Assert.ThrowsAsync<DownloadException>(() => Downloader(client, catalog).GetAsync("mnist", target.Path));

        Assert.Equal(
            $"cannot download {IdxNames[0]}: {server.Url(IdxNames[0])}: MD5 {Md5(files[IdxNames[0]])}, expected {wrong}",
            error.Message);
        Assert.Empty(target.FileNames());
        Assert.Empty(Directory.GetDirectories(target.Path));
    }

    [Fact]
    public async Task ADroppedConnectionLeavesNoPartialFile()
    {
        var files = IdxFiles();
        using var server = new LoopbackHttpServer(files.ToDictionary(f => "/" + f.Key, f => f.Value), dropAfter: 100);
        using var client = Client();
        using var target = new TempFolder();
        var recorder = new Recorder();

        var error = await Assert.ThrowsAsync<DownloadException>(() =>
            Downloader(client, Catalogue("mnist", [server.BaseUri], files)).GetAsync("mnist", target.Path, recorder));

        Assert.StartsWith($"cannot download {IdxNames[0]}: {server.Url(IdxNames[0])}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(target.FileNames());
        Assert.Equal([IdxNames[0]], recorder.Files(DownloadStage.SourceFailed));
    }

    [Fact]
    public async Task AFailingSourceIsFollowedByTheNext()
    {
        var files = IdxFiles();
        using var empty = new LoopbackHttpServer(new Dictionary<string, byte[]>());
        using var server = new LoopbackHttpServer(files.ToDictionary(f => "/" + f.Key, f => f.Value));
        using var client = Client();
        using var target = new TempFolder();
        var recorder = new Recorder();

        await Downloader(client, Catalogue("mnist", [empty.BaseUri, server.BaseUri], files)).GetAsync("mnist", target.Path, recorder);

        Assert.Equal(IdxNames.Order(), target.FileNames());
        var failed = recorder.Reports.First(r => r.Stage == DownloadStage.SourceFailed);
        Assert.Equal($"{empty.Url(IdxNames[0])}: HTTP 404 Not Found", failed.Detail);
    }

    [Fact]
    public async Task AMirrorReplacesTheSources()
    {
        var files = IdxFiles();
        using var server = new LoopbackHttpServer(files.ToDictionary(f => "/mirror/" + f.Key, f => f.Value));
        using var unused = new LoopbackHttpServer(new Dictionary<string, byte[]>());
        using var client = Client();
        using var target = new TempFolder();
        var downloader = new DatasetDownloader(client)
        {
            Catalog = new Dictionary<string, DatasetDownload> { ["mnist"] = Catalogue("mnist", [unused.BaseUri], files) },
            Mirror = server.Url("mirror"),
        };

        await downloader.GetAsync("mnist", target.Path);

        Assert.Equal(IdxNames.Order(), target.FileNames());
        Assert.Equal(0, unused.Requests);
    }

    [Fact]
    public async Task CifarTarballsAreExtractedIntoPlace()
    {
        using var source = new TempFolder();
        string batches = WriteCifar10(source.Path, 2, 3);
        byte[] tarball = TarGz(source.Path, "cifar-10-batches-bin");
        using var server = new LoopbackHttpServer(new Dictionary<string, byte[]> { ["/cifar-10-binary.tar.gz"] = tarball });
        using var client = Client();
        using var target = new TempFolder();
        var catalog = DownloadCatalog.Official["cifar10"] with { Sources = [server.BaseUri], Files = [DownloadCatalog.Official["cifar10"].Files[0] with { Md5 = Md5(tarball) }] };

        var result = await Downloader(client, catalog).GetAsync("cifar10", target.Path);

        Assert.Equal(["cifar-10-binary.tar.gz"], result.Downloaded);
        Assert.Empty(target.FileNames());
        Assert.Equal([Path.Combine(target.Path, "cifar-10-batches-bin")], Directory.GetDirectories(target.Path));
        using (var pair = Datasets.Load("cifar10", new DatasetOptions { DataDir = target.Path }, IsolatedLocator()))
        {
            Assert.Equal(10, pair.Train.Count);
            Assert.Equal(3, pair.Test.Count);
        }
        int requests = server.Requests;
        var again = await Downloader(client, catalog).GetAsync("cifar10", target.Path);
        Assert.Equal(["cifar-10-binary.tar.gz"], again.AlreadyPresent);
        Assert.Equal(requests, server.Requests);
    }

    [Fact]
    public async Task ATarballWithoutTheDatasetLeavesNothing()
    {
        using var source = new TempFolder();
        WriteCifar10(source.Path, 1, 1);
        File.Delete(Path.Combine(source.Path, "cifar-10-batches-bin", "test_batch.bin"));
        byte[] tarball = TarGz(source.Path, "cifar-10-batches-bin");
        using var server = new LoopbackHttpServer(new Dictionary<string, byte[]> { ["/cifar-10-binary.tar.gz"] = tarball });
        using var client = Client();
        using var target = new TempFolder();
        var catalog = DownloadCatalog.Official["cifar10"] with { Sources = [server.BaseUri], Files = [DownloadCatalog.Official["cifar10"].Files[0] with { Md5 = Md5(tarball) }] };

        var error = await Assert.ThrowsAsync<DownloadException>(() => Downloader(client, catalog).GetAsync("cifar10", target.Path));

        Assert.Equal("cifar-10-binary.tar.gz: the archive has no cifar-10-batches-bin/test_batch.bin", error.Message);
        Assert.Empty(target.FileNames());
        Assert.Empty(Directory.GetDirectories(target.Path));
    }

    [Fact]
    public async Task UnknownNamesListTheKnownOnes()
    {
        using var client = Client();
        var downloader = new DatasetDownloader(client);
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => downloader.GetAsync("svhn", "unused"));
        Assert.Equal("unknown dataset 'svhn'; datasets to download: mnist, fashion-mnist, cifar10, cifar100", error.Message);
        var mixture = await Assert.ThrowsAsync<InvalidInputException>(() => downloader.GetAsync("gaussian-mixture", "unused"));
        Assert.StartsWith("gaussian-mixture is generated and needs no download; ", mixture.Message);
    }

    [Fact]
    public void TheOfficialCatalogMatchesTheLocator()
    {
        Assert.Equal(Datasets.Names.Where(n => n != "gaussian-mixture"), DownloadCatalog.Official.Keys);
        Assert.All(DownloadCatalog.Official.Values.SelectMany(d => d.Files), f => Assert.Matches("^[0-9a-f]{32}$", f.Md5));
        Assert.All(DownloadCatalog.Official.Values.SelectMany(d => d.Sources), s => Assert.EndsWith("/", s.AbsoluteUri));
    }

    /// <summary>A gzip-compressed tarball of <paramref name="folder"/> under <paramref name="root"/>, as the CIFAR tarballs are made.</summary>
    private static byte[] TarGz(string root, string folder)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder + "/"));
            foreach (string file in Directory.GetFiles(Path.Combine(root, folder)).Order())
            {
                tar.WriteEntry(file, $"{folder}/{Path.GetFileName(file)}");
            }
        }
        return memory.ToArray();
    }
}
