using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Tests.Measurement;

/// <summary>Labelled features and classifiers with a known structure, from an explicit seed.</summary>
internal static class SyntheticFeatures
{
    /// <summary>
    /// Gaussian classes: means drawn N(0, separation²) per coordinate, unit noise; W a noisy copy
    /// of the centred means, b small. Samples are shuffled so classes interleave.
    /// </summary>
    public static (Tensor Features, Tensor Labels, Tensor Weight, Tensor Bias) Gaussian(
        int[] classSizes, int d, long seed, double separation = 3, ScalarType dtype = ScalarType.Float64)
    {
        using var scope = NewDisposeScope();
        var g = new Generator((ulong)seed);
        int k = classSizes.Length;
        var means = randn(k, d, ScalarType.Float64, generator: g).mul_(separation);
        var labels = cat(classSizes.Select((size, c) => full(size, (long)c, ScalarType.Int64)).ToArray());
        var order = randperm(labels.shape[0], generator: g);
        labels = labels.index_select(0, order);
        var features = means.index_select(0, labels).add_(randn(labels.shape[0], d, ScalarType.Float64, generator: g));
        var weight = means.sub(means.mean([0])).add_(randn(k, d, ScalarType.Float64, generator: g).mul_(0.5));
        var bias = randn(k, ScalarType.Float64, generator: g).mul_(0.1);
        return (features.to(dtype).MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(),
            weight.to(dtype).MoveToOuterDisposeScope(), bias.to(dtype).MoveToOuterDisposeScope());
    }

    /// <summary>(d, d) random orthogonal matrix.</summary>
    public static Tensor Rotation(int d, long seed)
    {
        var g = new Generator((ulong)seed);
        var (q, _) = linalg.qr(randn(d, d, ScalarType.Float64, generator: g));
        return q;
    }

    /// <summary>
    /// K classes sitting exactly on a rotated simplex ETF in R^d (d ≥ K), n samples each, no
    /// within-class spread, and a self-dual classifier W = 2 M_cᵀ with b = 0: every NC metric is 0.
    /// </summary>
    public static (Tensor Features, Tensor Labels, Tensor Weight) SimplexEtf(int k, int d, int n, long seed)
    {
        using var scope = NewDisposeScope();
        var etf = eye(k, dtype: ScalarType.Float64).sub_(1.0 / k).mul_(Math.Sqrt(k / (k - 1.0)));
        var rotation = Rotation(d, seed).narrow(1, 0, k);
        var means = etf.mm(rotation.t()); // K × d, rows μ_k, mean zero
        var labels = arange(k, dtype: ScalarType.Int64).repeat(n);
        var features = means.index_select(0, labels);
        return (features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope(), means.mul(2).MoveToOuterDisposeScope());
    }
}
