namespace LowDim.Measurement;

/// <summary>How neural-collapse metrics are measured.</summary>
public sealed record NeuralCollapseOptions
{
    /// <summary>The global mean the between-class statistics are centred on.</summary>
    public GlobalMean GlobalMean { get; init; } = GlobalMean.Class;

    /// <summary>
    /// Relative cutoff for the rank of the centred class means: singular values at or below
    /// <c>RankTolerance · s_max</c> are dropped from Σ_B†. Null selects max(d, K)·ε of the
    /// features' dtype, the default of <c>torch.linalg.pinv</c> and <c>numpy.linalg.pinv</c>.
    /// </summary>
    public double? RankTolerance { get; init; }

    /// <summary>
    /// Rows processed at once. Null picks about 16 MiB of features per chunk for the class sums
    /// and 8 MiB for the second pass, which keeps a chunk in cache between its centring and its
    /// projection.
    /// </summary>
    public int? ChunkRows { get; init; }

    /// <summary>The options used when none are given.</summary>
    public static NeuralCollapseOptions Default { get; } = new();
}
