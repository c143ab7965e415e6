using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>
/// The metrics that depend only on K × d matrices (class means, classifier rows), in float64.
/// K here counts the classes present.
/// </summary>
internal static class CollapseGeometry
{
    /// <summary>std/mean of the row norms, std with K − 1 in the denominator.</summary>
    public static double Equinorm(Tensor rows)
    {
        using var scope = NewDisposeScope();
        var norms = linalg.vector_norm(rows, 2, [1]);
        return norms.std(unbiased: true).item<double>() / norms.mean().item<double>();
    }

    /// <summary>(K, K) cosines between rows.</summary>
    private static Tensor Cosines(Tensor rows)
    {
        var unit = rows.div(linalg.vector_norm(rows, 2, [1], keepdim: true));
        return unit.mm(unit.t());
    }

    /// <summary>
    /// std of the cosines over the pairs k &lt; k', with n − 1 in the denominator; 0 for K = 2, whose
    /// single angle has no spread.
    /// </summary>
    public static double Equiangular(Tensor rows)
    {
        using var scope = NewDisposeScope();
        long k = rows.shape[0];
        if (k == 2) return 0;
        var upper = triu_indices(k, k, 1);
        var cos = Cosines(rows);
        return cos.index(upper[0], upper[1]).std(unbiased: true).item<double>();
    }

    /// <summary>Mean over k ≠ k' of |cos + 1/(K − 1)|.</summary>
    public static double Maxangle(Tensor rows)
    {
        using var scope = NewDisposeScope();
        long k = rows.shape[0];
        var offDiagonal = ones(k, k, ScalarType.Bool).logical_xor_(eye(k, dtype: ScalarType.Bool));
        var deviation = Cosines(rows).add(1.0 / (k - 1)).abs_();
        return deviation.masked_select(offDiagonal).mean().item<double>();
    }

    /// <summary>‖G/‖G‖_F − (I − 11ᵀ/K)/√(K − 1)‖_F for a (K, K) matrix G.</summary>
    public static double EtfDistance(Tensor gram)
    {
        using var scope = NewDisposeScope();
        long k = gram.shape[0];
        var etf = eye(k, dtype: ScalarType.Float64).sub_(1.0 / k).div_(Math.Sqrt(k - 1));
        var normalised = gram.div(linalg.matrix_norm(gram));
        return linalg.matrix_norm(normalised.sub_(etf)).item<double>();
    }

    /// <summary>‖A/‖A‖_F − B/‖B‖_F‖²_F for two matrices of one shape.</summary>
    public static double SquaredNormalisedDistance(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var difference = a.div(linalg.matrix_norm(a)).sub_(b.div(linalg.matrix_norm(b)));
        return difference.square().sum().item<double>();
    }

    /// <summary>
    /// nc1_cdnv: the mean over pairs k &lt; k' of (v_k + v_k')/(2‖μ_k − μ_k'‖²).
    /// </summary>
    /// <param name="squaredDistances">(K, K) ‖μ_k − μ_k'‖², from <see cref="SquaredDistances"/>.</param>
    /// <param name="variances">(K) v_k, the mean squared distance of class k's samples to μ_k.</param>
    public static double Cdnv(Tensor squaredDistances, double[] variances)
    {
        double[] distances = squaredDistances.data<double>().ToArray();
        int k = variances.Length;
        double total = 0;
        for (int a = 0; a < k; a++)
        for (int b = a + 1; b < k; b++)
            total += (variances[a] + variances[b]) / (2 * distances[a * k + b]);
        return total / (k * (k - 1) / 2);
    }

    /// <summary>
    /// (K, K) squared Euclidean distances between rows, ‖r_a‖² + ‖r_b‖² − 2 r_aᵀr_b, from one
    /// (K, K) product. Pass centred rows (μ_k − μ_G) in float64: the cancellation is then relative
    /// to the spread of the means, not to their offset, and costs a few ulps of it.
    /// </summary>
    public static Tensor SquaredDistances(Tensor rows)
    {
        using var scope = NewDisposeScope();
        var squaredNorms = rows.square().sum([1]);
        var distances = rows.mm(rows.t()).mul_(-2).add_(squaredNorms.unsqueeze(0)).add_(squaredNorms.unsqueeze(1));
        distances.clamp_min_(0).diagonal().zero_();
        return distances.MoveToOuterDisposeScope();
    }
}
