using System.Net;
using System.Net.Sockets;
using LowDim.Tests.Data;
using static LowDim.Cli.Tests.CliRunner;

namespace LowDim.Cli.Tests;

public class DataCommandTests
{
    [Fact]
    public void AnUnknownDatasetIsBadInputOnOneLine()
    {
        var (code, output, error) = Run("data", "get", "svhn", "--to", Path.GetTempPath());
        Assert.Equal(LowDimCli.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal("error: unknown dataset 'svhn'; datasets to download: mnist, fashion-mnist, cifar10, cifar100\n", error);
    }

    [Fact]
    public void AMirrorMustBeAnHttpUrl()
    {
        var (code, _, error) = Run("data", "get", "mnist", "--to", Path.GetTempPath(), "--mirror", "ftp://example.org/mnist/");
        Assert.Equal(LowDimCli.BadInput, code);
        Assert.Equal("error: --mirror must be an http:// or https:// URL, not 'ftp://example.org/mnist/'\n", error);
    }

    [Fact]
    public void AnUnreachableMirrorIsAOneLineFailureThatLeavesNothing()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var target = new TempFolder();

        var (code, _, error) = Run("data", "get", "mnist", "--to", target.Path, "--mirror", $"http://127.0.0.1:{port}/");

        Assert.Equal(LowDimCli.Failure, code);
        Assert.StartsWith($"error: cannot download train-images-idx3-ubyte.gz: http://127.0.0.1:{port}/train-images-idx3-ubyte.gz: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Empty(target.FileNames());
    }

    [Fact]
    public void WrongBytesFromAMirrorFailTheOfficialChecksum()
    {
        using var server = new LoopbackHttpServer(new Dictionary<string, byte[]> { ["/train-images-idx3-ubyte.gz"] = DatasetFixtures.Gzip([1, 2, 3]) });
        using var target = new TempFolder();

        var (code, output, error) = Run("data", "get", "mnist", "--to", target.Path, "--mirror", server.BaseUri.ToString());

        Assert.Equal(LowDimCli.Failure, code);
        Assert.Matches("^error: cannot download train-images-idx3-ubyte.gz: http://127.0.0.1:[0-9]+/train-images-idx3-ubyte.gz: MD5 [0-9a-f]{32}, expected f68b3c2dcbeaaa9fbdd348bbdeb94873\n$", error);
        string url = $"{server.BaseUri}train-images-idx3-ubyte.gz";
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal($"train-images-idx3-ubyte.gz: downloading {url}", lines[0]);
        Assert.StartsWith($"train-images-idx3-ubyte.gz: failed: {url}: MD5 ", lines[1]);
        Assert.Equal(2, lines.Length);
        Assert.Empty(target.FileNames());
    }

    [Fact]
    public void ListShowsWhereEachDatasetIsFound()
    {
        using var folder = new TempFolder();
        DatasetFixtures.WriteIdxDataset(Path.Combine(folder.Path, "mnist"), 2, 1);

        var (code, output, error) = Run("data", "list", "--data-dir", folder.Path);

        Assert.True(code == 0, error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(["mnist", "fashion-mnist", "cifar10", "cifar100", "gaussian-mixture"], lines.Select(l => l.Split(' ')[0]));
        Assert.Equal($"mnist             {Path.Combine(folder.Path, "mnist")}", lines[0]);
        Assert.Equal("gaussian-mixture  generated, no files", lines[4]);
    }
}
