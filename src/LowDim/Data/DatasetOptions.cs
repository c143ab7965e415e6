namespace LowDim.Data;

/// <summary>How <see cref="Datasets.Load(string, DatasetOptions)"/> finds, subsets, relabels and normalises a dataset.</summary>
public sealed record DatasetOptions
{
    /// <summary>
    /// <c>--data-dir</c>: searched first, either the folder that holds the dataset's files or a folder with a
    /// <c>&lt;name&gt;/</c> subfolder that does. See <see cref="DatasetLocator"/>.
    /// </summary>
    public string? DataDir { get; init; }

    /// <summary>
    /// <c>--per-class</c>: a balanced training subset, the first N samples of each class in an order shuffled
    /// with <see cref="Seed"/> (kept in the file's order). The test split is untouched.
    /// </summary>
    public int? PerClass { get; init; }

    /// <summary>
    /// <c>--random-labels</c>: replace the training labels by labels drawn uniformly from 0..K − 1 with
    /// <see cref="Seed"/> (the memorisation experiment of Zhang et al. 2017). The test labels are untouched.
    /// </summary>
    public bool RandomLabels { get; init; }

    /// <summary>
    /// Normalise both splits by the per-channel (images) or per-feature (vectors) mean and standard deviation
    /// of the training split, after <see cref="PerClass"/> subsetting.
    /// </summary>
    public bool Normalize { get; init; } = true;

    /// <summary>The seed of every random choice: the subset, the random labels and the Gaussian mixture.</summary>
    public int Seed { get; init; }

    /// <summary><c>gaussian-mixture</c>: the dimension d of the samples.</summary>
    public int MixtureDimension { get; init; } = 32;

    /// <summary>
    /// <c>gaussian-mixture</c>: the distance between any two class centres, in units of the noise's standard
    /// deviation. The centres are the vertices of a regular simplex (all pairwise distances equal), randomly
    /// rotated into R^d, and each sample is its centre plus N(0, I_d) noise.
    /// </summary>
    public double MixtureSeparation { get; init; } = 3.0;

    /// <summary><c>gaussian-mixture</c>: the number of classes K (at most d + 1).</summary>
    public int MixtureClasses { get; init; } = 10;

    /// <summary><c>gaussian-mixture</c>: training samples per class; the test split has the same number.</summary>
    public int MixturePerClass { get; init; } = 500;
}
