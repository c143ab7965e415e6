using LowDim.Data;
using static LowDim.Tests.Data.DatasetFixtures;

namespace LowDim.Tests.Data;

public sealed class DatasetLocatorTests
{
    private sealed class Places : IDisposable
    {
        private readonly TempFolder _root = new();

        public string DataDir => Folder("data-dir");
        public string Environment => Folder("environment");
        public string Standard => Folder("standard");
        public string User => Folder("user");

        public DatasetLocator Locator => IsolatedLocator(Environment, User,
            new Dictionary<string, IReadOnlyList<string>> { ["mnist"] = [Standard] });

        public string Folder(string name)
        {
            string path = _root.File(name);
            Directory.CreateDirectory(path);
            return path;
        }

        public void Dispose() => _root.Dispose();
    }

    [Fact]
    public void SearchesDataDirThenEnvironmentThenStandardThenUser()
    {
        using var places = new Places();
        var locator = places.Locator;
        WriteIdxDataset(Path.Combine(places.User, "mnist"), 2, 1);
        Assert.Equal(Path.Combine(places.User, "mnist"), locator.Locate("mnist", null).Folder);
        WriteIdxDataset(places.Standard, 2, 1);
        Assert.Equal(places.Standard, locator.Locate("mnist", null).Folder);
        WriteIdxDataset(Path.Combine(places.Environment, "mnist"), 2, 1);
        Assert.Equal(Path.Combine(places.Environment, "mnist"), locator.Locate("mnist", null).Folder);
        WriteIdxDataset(places.DataDir, 2, 1);
        Assert.Equal(places.DataDir, locator.Locate("mnist", places.DataDir).Folder);
        WriteIdxDataset(Path.Combine(places.DataDir, "mnist"), 2, 1);
        Assert.Equal(Path.Combine(places.DataDir, "mnist"), locator.Locate("mnist", places.DataDir).Folder);
    }

    [Fact]
    public void EnvironmentFolderIsAFolderOfDatasets()
    {
        using var places = new Places();
        WriteIdxDataset(places.Environment, 2, 1);
        Assert.Null(places.Locator.Find("mnist", null));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void AcceptsGzipOrPlainAndBothNamings(bool gzip, bool dotted)
    {
        using var places = new Places();
        WriteIdxDataset(places.DataDir, 2, 1, gzip, dotted);
        var files = places.Locator.Locate("fashion-mnist", places.DataDir);
        string suffix = gzip ? ".gz" : "";
        string images = dotted ? "train-images.idx3-ubyte" : "train-images-idx3-ubyte";
        Assert.Equal(Path.Combine(places.DataDir, images + suffix), files.Train[0]);
        Assert.Equal(4, files.Train.Count + files.Test.Count);
    }

    [Fact]
    public void FindsCifarInTheTarballsFolderOrDirectly()
    {
        using var places = new Places();
        string batches = WriteCifar10(places.DataDir, 1, 1);
        var files = places.Locator.Locate("cifar10", places.DataDir);
        Assert.Equal(batches, files.Folder);
        Assert.Equal([.. Enumerable.Range(1, 5).Select(i => Path.Combine(batches, $"data_batch_{i}.bin"))], files.Train);
        Assert.Equal(batches, places.Locator.Locate("cifar10", batches).Folder);
        string binary = WriteCifar100(Path.Combine(places.User, "cifar100"), 1, 1);
        Assert.Equal(binary, places.Locator.Locate("cifar100", null).Folder);
    }

    [Fact]
    public void NotFoundSaysWhereItLookedAndHowToGetIt()
    {
        using var places = new Places();
        var locator = places.Locator with
        {
            StandardPlaces = new Dictionary<string, IReadOnlyList<string>> { ["fashion-mnist"] = [places.Standard] },
        };
        var error = Assert.Throws<InvalidInputException>(() => locator.Locate("fashion-mnist", places.DataDir));
        Assert.Equal(
            $"fashion-mnist not found in {Path.Combine(places.DataDir, "fashion-mnist")}, {places.DataDir}, " +
            $"{Path.Combine(places.Environment, "fashion-mnist")}, {places.Standard}, {Path.Combine(places.User, "fashion-mnist")} " +
            "(looked for train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (or uncompressed)); " +
            "run 'lowdim data get fashion-mnist' or 'apt-get install dataset-fashion-mnist', or pass --data-dir DIR",
            error.Message);
        var cifar = Assert.Throws<InvalidInputException>(() => locator.Locate("cifar100", null));
        Assert.EndsWith("(looked for cifar-100-binary/ with train.bin and test.bin); run 'lowdim data get cifar100', or pass --data-dir DIR", cifar.Message);
    }

    [Fact]
    public void IncompleteFolderIsAnError()
    {
        using var places = new Places();
        WriteIdxDataset(places.DataDir, 2, 1);
        File.Delete(Path.Combine(places.DataDir, "t10k-labels-idx1-ubyte.gz"));
        var error = Assert.Throws<DataFileException>(() => places.Locator.Locate("mnist", places.DataDir));
        Assert.Equal(places.DataDir, error.Path);
        Assert.Contains("holds train-images-idx3-ubyte.gz but not t10k-labels-idx1-ubyte[.gz]", error.Message);
    }

    [Fact]
    public void MissingDataDirIsAnError()
    {
        using var places = new Places();
        string absent = Path.Combine(places.DataDir, "absent");
        var error = Assert.Throws<InvalidInputException>(() => places.Locator.Locate("mnist", absent));
        Assert.Equal($"--data-dir {absent}: no such folder", error.Message);
    }
}
