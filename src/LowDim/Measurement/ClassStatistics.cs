using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>
/// First-pass statistics of labelled features: the number of samples and the mean of each class.
/// Owns <see cref="Means"/>.
/// </summary>
public sealed class ClassStatistics : IDisposable
{
    internal ClassStatistics(Tensor means, long[] counts, ScalarType featureType)
    {
        Means = means;
        Counts = counts;
        FeatureType = featureType;
    }

    /// <summary>(K, d) float64 class means μ_k on the features' device; zero rows for classes without samples.</summary>
    public Tensor Means { get; }

    /// <summary>(K) samples per class n_k.</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>The dtype of the features, which sets the precision of the second pass.</summary>
    public ScalarType FeatureType { get; }

    /// <summary>Number of classes K, including classes without samples.</summary>
    public int Classes => Counts.Count;

    /// <summary>Feature dimension d.</summary>
    public long Dimension => Means.shape[1];

    /// <summary>Number of samples N.</summary>
    public long Samples => Counts.Sum();

    /// <inheritdoc />
    public void Dispose() => Means.Dispose();
}
