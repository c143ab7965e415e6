namespace LowDim.Data;

/// <summary>
/// Finds a dataset's files. For a dataset NAME the folders searched, in order, are:
/// <list type="number">
/// <item><c>--data-dir DIR</c>: <c>DIR/NAME/</c>, then <c>DIR</c> itself (the folder that holds the files);</item>
/// <item><c>$LOWDIM_DATA/NAME/</c>: <c>LOWDIM_DATA</c> is a folder of per-dataset subfolders (the files directly in
/// it are not used, since MNIST and Fashion-MNIST share their file names);</item>
/// <item>the standard places: <c>/usr/share/datasets/fashion-mnist</c> (Debian's <c>dataset-fashion-mnist</c>) for
/// Fashion-MNIST, <c>/usr/share/datasets/mnist</c> for MNIST;</item>
/// <item><c>~/.lowdim/data/NAME/</c>, where <c>lowdim data get</c> puts it.</item>
/// </list>
/// The first folder that holds the files wins. idx files may be gzip-compressed or not, and named
/// <c>train-images-idx3-ubyte</c> or <c>train-images.idx3-ubyte</c>; CIFAR files may sit in the folder the
/// official tarball extracts to (<c>cifar-10-batches-bin/</c>, <c>cifar-100-binary/</c>) or directly in the folder.
/// </summary>
public sealed record DatasetLocator
{
    /// <summary>The standard places of the datasets that have one.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultStandardPlaces =
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["fashion-mnist"] = ["/usr/share/datasets/fashion-mnist"],
            ["mnist"] = ["/usr/share/datasets/mnist"],
        };

    /// <summary>The environment variable that names a folder of per-dataset subfolders.</summary>
    public const string EnvironmentVariable = "LOWDIM_DATA";

    /// <summary>The value of <c>LOWDIM_DATA</c>, or null.</summary>
    public string? EnvironmentDir { get; init; }

    /// <summary>Standard places per dataset name, searched after <see cref="EnvironmentDir"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> StandardPlaces { get; init; } = DefaultStandardPlaces;

    /// <summary>The user's data folder, <c>~/.lowdim/data</c>, or null when there is no home folder.</summary>
    public string? UserDataRoot { get; init; }

    /// <summary>The locator of this process: <c>LOWDIM_DATA</c>, the standard places and the user's home folder.</summary>
    public static DatasetLocator FromEnvironment()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string? environment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return new DatasetLocator
        {
            EnvironmentDir = string.IsNullOrWhiteSpace(environment) ? null : environment,
            UserDataRoot = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".lowdim", "data"),
        };
    }

    /// <summary>Where <c>lowdim data get NAME</c> puts a dataset by default: <c>~/.lowdim/data/NAME</c>.</summary>
    /// <exception cref="InvalidInputException">There is no home folder.</exception>
    public string DefaultDownloadFolder(string name) => UserDataRoot is null
        ? throw new InvalidInputException($"no home folder to put {name} in; pass --to DIR")
        : Path.Combine(UserDataRoot, name);

    /// <summary>The folders searched for <paramref name="name"/>, in order, whether they exist or not.</summary>
    public IReadOnlyList<string> SearchFolders(string name, string? dataDir)
    {
        var folders = new List<string>();
        if (dataDir is not null)
        {
            folders.Add(Path.Combine(dataDir, name));
            folders.Add(dataDir);
        }
        if (EnvironmentDir is not null)
        {
            folders.Add(Path.Combine(EnvironmentDir, name));
        }
        if (StandardPlaces.TryGetValue(name, out var standard))
        {
            folders.AddRange(standard);
        }
        if (UserDataRoot is not null)
        {
            folders.Add(Path.Combine(UserDataRoot, name));
        }
        return folders;
    }

    /// <summary>The files of dataset <paramref name="name"/> in the first folder that holds them, or null.</summary>
    /// <param name="name">One of the file datasets: mnist, fashion-mnist, cifar10, cifar100.</param>
    /// <param name="dataDir"><c>--data-dir</c>, searched first; null when not given.</param>
    /// <exception cref="InvalidInputException">The name is not a file dataset, or <paramref name="dataDir"/> is not a folder.</exception>
    /// <exception cref="DataFileException">A folder holds some of the files but not all.</exception>
    public DatasetFiles? Find(string name, string? dataDir)
    {
        var dataset = FileDataset.Find(name)
            ?? throw new InvalidInputException($"'{name}' is not a dataset stored in files; known: {string.Join(", ", FileDataset.All.Select(d => d.Name))}");
        if (dataDir is not null && !Directory.Exists(dataDir))
        {
            throw new InvalidInputException($"--data-dir {dataDir}: no such folder");
        }
        return SearchFolders(name, dataDir).Where(Directory.Exists).Select(dataset.FindIn).FirstOrDefault(f => f is not null);
    }

    /// <summary>The files of dataset <paramref name="name"/>, or an error that says how to get them.</summary>
    /// <inheritdoc cref="Find(string, string?)" path="/param"/>
    /// <exception cref="InvalidInputException">
    /// The dataset is in none of the folders (the message lists them and says how to get it), the name is not
    /// a file dataset, or <paramref name="dataDir"/> is not a folder.
    /// </exception>
    /// <exception cref="DataFileException">A folder holds some of the files but not all.</exception>
    public DatasetFiles Locate(string name, string? dataDir)
    {
        var files = Find(name, dataDir);
        if (files is not null)
        {
            return files;
        }
        var dataset = FileDataset.Find(name)!;
        string apt = dataset.DebianPackage is null ? "" : $" or 'apt-get install {dataset.DebianPackage}'";
        throw new InvalidInputException(
            $"{name} not found in {string.Join(", ", SearchFolders(name, dataDir))} (looked for {dataset.ExpectedFiles}); " +
            $"run 'lowdim data get {name}'{apt}, or pass --data-dir DIR");
    }
}
