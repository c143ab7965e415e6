using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>
/// The between-class geometry behind the second pass, in float64 on the CPU: the classes present,
/// their centred means M_c and its thin SVD M_c = U S Vᵀ.
/// </summary>
internal sealed class CentredMeans : IDisposable
{
    public CentredMeans(ClassStatistics statistics, NeuralCollapseOptions options)
    {
        Present = Enumerable.Range(0, statistics.Classes).Where(k => statistics.Counts[k] > 0).ToArray();
        if (Present.Length < 2)
            throw new InvalidInputException($"neural collapse needs samples of at least 2 classes, got {Present.Length}");
        Counts = Present.Select(k => (double)statistics.Counts[k]).ToArray();

        using var scope = NewDisposeScope();
        var index = tensor(Present.Select(k => (long)k).ToArray());
        var means = statistics.Means.cpu().index_select(0, index);
        var weights = options.GlobalMean == GlobalMean.Sample
            ? tensor(Counts).div_(Counts.Sum())
            : full(Present.Length, 1.0 / Present.Length, ScalarType.Float64);
        var global = weights.unsqueeze(0).mm(means);
        Rows = means.sub(global).DetachFromDisposeScope();
        SquaredDistances = CollapseGeometry.SquaredDistances(Rows).DetachFromDisposeScope();

        // M_c is d × K in the papers; Rows is its transpose, so Rowsᵀ = U S Vᵀ.
        var (u, s, vh) = linalg.svd(Rows.t(), fullMatrices: false);
        U = u.DetachFromDisposeScope();
        Singular = s.DetachFromDisposeScope();
        Vh = vh.DetachFromDisposeScope();

        RankTolerance = options.RankTolerance
            ?? Math.Max(statistics.Dimension, Present.Length) * FeatureBatch.Epsilon(statistics.FeatureType);
        double[] singular = Singular.data<double>().ToArray();
        double cutoff = RankTolerance * (singular.Length > 0 ? singular[0] : 0);
        Rank = Math.Min(singular.Count(v => v > cutoff), Present.Length - 1);
    }

    /// <summary>The classes with samples, in increasing order; position in this list is the present index.</summary>
    public int[] Present { get; }

    /// <summary>n_k of the present classes.</summary>
    public double[] Counts { get; }

    /// <summary>(K', d) rows μ_k − μ_G of the present classes.</summary>
    public Tensor Rows { get; }

    /// <summary>(K', K') squared distances ‖μ_k − μ_k'‖² between the present classes' means.</summary>
    public Tensor SquaredDistances { get; }

    /// <summary>(d, m) left singular vectors of M_c, m = min(d, K').</summary>
    public Tensor U { get; }

    /// <summary>(m) singular values of M_c, decreasing.</summary>
    public Tensor Singular { get; }

    /// <summary>(m, K') right singular vectors of M_c, transposed.</summary>
    public Tensor Vh { get; }

    /// <summary>Rank kept in Σ_B†.</summary>
    public int Rank { get; }

    /// <summary>The relative cutoff the rank was taken with.</summary>
    public double RankTolerance { get; }

    public void Dispose()
    {
        Rows.Dispose();
        SquaredDistances.Dispose();
        U.Dispose();
        Singular.Dispose();
        Vh.Dispose();
    }
}
