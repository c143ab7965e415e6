using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// Exact Hessian-vector products by double backward, and the extreme eigenvalues of a Hessian by the Lanczos
/// method, without ever forming the n × n matrix. The Hessian is that of a scalar f(x_1, …, x_p) with respect to
/// all of its tensor arguments, flattened in order into one vector of n = Σ numel(x_i) variables.
/// </summary>
/// <remarks>
/// Used to probe a landscape: a critical point whose smallest Hessian eigenvalue is negative is a strict saddle
/// (Zhu et al. 2021 show every non-global critical point of the regularised UFM is one), and a minimum has a
/// positive semidefinite Hessian. All the work is in the tensors' dtype and on their device; use float64 for checks
/// against theory.
/// </remarks>
public static class HessianSpectrum
{
    /// <summary>
    /// The smallest and largest eigenvalues of the Hessian of <paramref name="f"/> at <paramref name="at"/>, by
    /// Lanczos with a random unit start vector: j steps build the tridiagonal T_j = Q_jᵀ H Q_j, and its extreme
    /// eigenvalues θ (Ritz values) with eigenvectors s have residuals ‖H Q_j s − θ Q_j s‖ = β_j·|s_j|.
    /// </summary>
    /// <param name="f">Builds the scalar from the tensors it is given (detached copies of <paramref name="at"/> that require grad).</param>
    /// <param name="at">The point: floating-point tensors of one dtype and one device. They are not modified.</param>
    /// <param name="options">The number of steps, the seed and the tolerance; the defaults when null.</param>
    /// <returns>The extreme Ritz values, their residual estimates and how the iteration ended.</returns>
    /// <remarks>
    /// The iteration stops when both residuals are at most τ·max(|θ_min|, |θ_max|), when β_j vanishes to rounding
    /// (the Krylov subspace is invariant and T_j's eigenvalues are eigenvalues of H), or after
    /// min(<see cref="LanczosOptions.Steps"/>, n) steps. It stores the j Lanczos vectors: j·n numbers.
    /// </remarks>
    /// <exception cref="InvalidInputException">Options out of range, or tensors or an f that cannot be differentiated twice.</exception>
    public static HessianEigenvalues Extremes(Func<Tensor[], Tensor> f, IReadOnlyList<Tensor> at, LanczosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        options ??= new LanczosOptions();
        Validate(options);
        using var hessian = HessianOperator.Build(f, at);
        if (hessian.Dimension > int.MaxValue)
            throw new InvalidInputException($"the Hessian's dimension {hessian.Dimension} is above 2^31 − 1");
        int n = (int)hessian.Dimension;
        int steps = Math.Min(options.Steps, n);
        double breakdown = 100 * finfo(hessian.DType).eps;

        using var scope = NewDisposeScope();
        var basis = zeros([steps, n], hessian.DType, hessian.Device);
        basis[0].copy_(StartVector(n, options.Seed, hessian.DType, hessian.Device));
        var alphas = new List<double>(steps);
        var betas = new List<double>(steps);
        for (int j = 0; ; j++)
        {
            using var step = NewDisposeScope();
            var q = basis[j];
            var w = hessian.Apply(q);
            double alpha = q.dot(w).ToDouble();
            w.add_(q, alpha: -alpha);
            if (j > 0) w.add_(basis[j - 1], alpha: -betas[j - 1]);
            if (options.FullReorthogonalisation)
            {
                // Classical Gram–Schmidt twice ("twice is enough", Giraud et al. 2005) against q_1 … q_j.
                var previous = basis.narrow(0, 0, j + 1);
                for (int pass = 0; pass < 2; pass++) w.sub_(previous.t().mv(previous.mv(w)));
            }
            double beta = w.norm().ToDouble();
            alphas.Add(alpha);

            var ritz = TridiagonalExtremes(alphas, betas);
            double scale = Math.Max(Math.Abs(ritz.Smallest), Math.Abs(ritz.Largest));
            double smallestResidual = beta * Math.Abs(ritz.SmallestLast);
            double largestResidual = beta * Math.Abs(ritz.LargestLast);
            bool converged = smallestResidual <= options.Tolerance * scale && largestResidual <= options.Tolerance * scale;
            bool invariant = beta <= breakdown * scale;
            if (converged || invariant || j + 1 == steps)
            {
                return new HessianEigenvalues
                {
                    Smallest = ritz.Smallest,
                    Largest = ritz.Largest,
                    Steps = j + 1,
                    SmallestResidual = smallestResidual,
                    LargestResidual = largestResidual,
                    Dimension = n,
                    Converged = converged || invariant,
                };
            }
            betas.Add(beta);
            basis[j + 1].copy_(w.div_(beta));
        }
    }

    /// <summary>
    /// H v for the Hessian H of <paramref name="f"/> at <paramref name="at"/>, by double backward:
    /// g = ∇f with its graph, then the gradient of ⟨g, v⟩. Exact up to rounding; no finite differences.
    /// </summary>
    /// <param name="f">Builds the scalar from the tensors it is given (detached copies of <paramref name="at"/> that require grad).</param>
    /// <param name="at">The point: floating-point tensors of one dtype and one device. They are not modified.</param>
    /// <param name="vector">v (n), flat in the order of <paramref name="at"/>; converted to their dtype and device.</param>
    /// <returns>H v (n), flat in the same order, in the tensors' dtype, without a graph.</returns>
    /// <exception cref="InvalidInputException">A vector of the wrong length, or tensors or an f that cannot be differentiated twice.</exception>
    public static Tensor HessianVectorProduct(Func<Tensor[], Tensor> f, IReadOnlyList<Tensor> at, Tensor vector)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var hessian = HessianOperator.Build(f, at);
        using var scope = NewDisposeScope();
        return hessian.Apply(hessian.Conform(vector)).MoveToOuterDisposeScope();
    }

    private static void Validate(LanczosOptions options)
    {
        if (options.Steps < 1) throw new InvalidInputException($"Lanczos needs at least 1 step, got {options.Steps}");
        if (!(options.Tolerance >= 0) || double.IsInfinity(options.Tolerance))
            throw new InvalidInputException($"the Lanczos tolerance must be a finite number ≥ 0, got {options.Tolerance.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A unit vector with i.i.d. normal entries from a private generator, so other draws do not change it.</summary>
    private static Tensor StartVector(int n, long seed, ScalarType dtype, Device device)
    {
        using var generator = new TorchSharp.torch.Generator((ulong)seed, CPU);
        var start = randn([n], ScalarType.Float64, CPU, generator: generator).to(dtype, device);
        return start.div_(start.norm());
    }

    /// <summary>
    /// The extreme eigenvalues of the symmetric tridiagonal T_j with diagonal α and off-diagonal β, and the last
    /// components of their unit eigenvectors.
    /// </summary>
    private static (double Smallest, double SmallestLast, double Largest, double LargestLast) TridiagonalExtremes(
        List<double> alphas, List<double> betas)
    {
        int j = alphas.Count;
        var entries = new double[j * j];
        for (int i = 0; i < j; i++)
        {
            entries[i * j + i] = alphas[i];
            if (i + 1 < j) entries[i * j + i + 1] = entries[(i + 1) * j + i] = betas[i];
        }
        using var scope = NewDisposeScope();
        var (values, vectors) = linalg.eigh(tensor(entries, [j, j], ScalarType.Float64));
        double[] theta = values.data<double>().ToArray();
        double[] last = vectors[j - 1].data<double>().ToArray();
        return (theta[0], last[0], theta[j - 1], last[j - 1]);
    }
}
