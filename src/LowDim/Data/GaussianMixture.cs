using static TorchSharp.torch;

namespace LowDim.Data;

/// <summary>
/// The <c>gaussian-mixture</c> dataset: K classes in R^d whose centres are the vertices of a regular simplex
/// with edge <see cref="DatasetOptions.MixtureSeparation"/>, randomly rotated, plus N(0, I_d) noise.
/// </summary>
/// <remarks>
/// The centres are s/√2 · V Qᵀ, where the rows of V (K × (K−1)) are an orthonormal basis of the vectors
/// orthogonal to 1 seen from the standard basis (so V Vᵀ = I − 11ᵀ/K and any two rows are √2 apart), and Q
/// (d × (K−1)) has random orthonormal columns. Any two centres are therefore exactly s apart and the
/// centres' mean is 0, which needs d ≥ K − 1. Samples of the training split come first in the random
/// stream, then those of the test split; labels cycle 0, 1, …, K−1, 0, 1, ….
/// </remarks>
internal static class GaussianMixture
{
    public const string Name = "gaussian-mixture";

    /// <summary>The (N, d) float32 inputs and (N) int64 labels of both splits, in the current dispose scope.</summary>
    /// <exception cref="InvalidInputException">An option is out of range.</exception>
    public static (Tensor TrainInputs, Tensor TrainLabels, Tensor TestInputs, Tensor TestLabels) Generate(DatasetOptions options)
    {
        int k = options.MixtureClasses, d = options.MixtureDimension, perClass = options.MixturePerClass;
        double separation = options.MixtureSeparation;
        if (k < 2) throw new InvalidInputException($"gaussian-mixture needs at least 2 classes, got {k}");
        if (d < 1) throw new InvalidInputException($"gaussian-mixture needs a dimension of at least 1, got {d}");
        if (d < k - 1) throw new InvalidInputException($"gaussian-mixture with {k} classes needs a dimension of at least {k - 1} (the centres form a regular simplex), got {d}");
        if (perClass < 1) throw new InvalidInputException($"gaussian-mixture needs at least 1 sample per class, got {perClass}");
        if (!double.IsFinite(separation) || separation < 0) throw new InvalidInputException($"gaussian-mixture separation must be a finite number ≥ 0, got {separation}");

        using var generator = new Generator(RandomStreams.Seed(options.Seed, RandomStreams.Mixture));
        var centres = Centres(k, d, separation, generator);
        var trainLabels = arange(k).repeat(perClass);
        var train = centres.index_select(0, trainLabels).add_(randn([k * perClass, d], ScalarType.Float64, generator: generator));
        var testLabels = arange(k).repeat(perClass);
        var test = centres.index_select(0, testLabels).add_(randn([k * perClass, d], ScalarType.Float64, generator: generator));
        return (train.to(ScalarType.Float32), trainLabels, test.to(ScalarType.Float32), testLabels);
    }

    /// <summary>(K, d) float64 centres, any two exactly <paramref name="separation"/> apart.</summary>
    internal static Tensor Centres(int k, int d, double separation, Generator generator)
    {
        // The first K−1 columns of I − 11ᵀ/K span the vectors orthogonal to 1; QR makes them orthonormal.
        var centring = eye(k, dtype: ScalarType.Float64).sub_(1.0 / k);
        var (simplex, _) = linalg.qr(centring.narrow(1, 0, k - 1));
        var (rotation, _) = linalg.qr(randn([d, k - 1], ScalarType.Float64, generator: generator));
        return simplex.matmul(rotation.t()).mul_(separation / Math.Sqrt(2));
    }
}
