using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Models;

/// <summary>
/// A fixed, untrained head whose rows form a simplex equiangular tight frame (ETF) in a random K − 1 dimensional
/// subspace of the d feature dimensions (Zhu et al. 2021, "A Geometric Analysis of Neural Collapse with
/// Unconstrained Features", §5: fixing the classifier as a simplex ETF loses no accuracy).
/// </summary>
/// <remarks>
/// W = √(K/(K−1)) · U Qᵀ (K × d), where U (K × (K−1)) is an orthonormal basis of the vectors orthogonal to 1, so
/// that U Uᵀ = I − 11ᵀ/K, and Q (d × (K−1)) has orthonormal columns drawn uniformly (Haar) from the QR factors of a
/// standard normal matrix taken from torch's global generator. Then W Wᵀ = K/(K−1) (I − 11ᵀ/K): rows of unit norm
/// with pairwise cosines −1/(K−1). For d ≥ K this is the familiar W = √(K/(K−1)) [P (I − 11ᵀ/K)]ᵀ with P (d × K)
/// orthonormal (P U = Q); the form with Q also covers d = K − 1. W is a buffer, saved as <c>fc.weight</c> and
/// never trained; the head has no bias.
/// </remarks>
public sealed class SimplexEtfHead : ClassifierHead
{
    private readonly Tensor weight;

    /// <summary>Draws the frame for <paramref name="classes"/> = K ≥ 2 classes in <paramref name="featureDim"/> = d ≥ K − 1 dimensions.</summary>
    /// <exception cref="InvalidInputException">K &lt; 2 or d &lt; K − 1.</exception>
    public SimplexEtfHead(int featureDim, int classes) : base(nameof(SimplexEtfHead))
    {
        if (classes < 2) throw new InvalidInputException($"a simplex ETF head needs at least 2 classes, got {classes}");
        if (featureDim < classes - 1)
            throw new InvalidInputException(
                $"a simplex ETF head for {classes} classes needs a feature dimension of at least {classes - 1}, got {featureDim}");
        weight = Frame(featureDim, classes);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Weight => weight;

    /// <inheritdoc/>
    public override Tensor? Bias => null;

    /// <inheritdoc/>
    public override bool IsTrainable => false;

    /// <summary>(N, d) features → (N, K) logits.</summary>
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight);

    private static Tensor Frame(int featureDim, int classes)
    {
        using var scope = NewDisposeScope();
        var centring = eye(classes, dtype: ScalarType.Float64) - 1.0 / classes;
        var (basis, _) = linalg.qr(centring[.., ..(classes - 1)]);
        var gaussian = randn(featureDim, classes - 1, dtype: ScalarType.Float64);
        var (q, r) = linalg.qr(gaussian);
        var haar = q * r.diagonal().sign();
        var frame = basis.matmul(haar.T).mul_(Math.Sqrt(classes / (classes - 1.0)));
        return frame.to(get_default_dtype()).MoveToOuterDisposeScope();
    }
}
