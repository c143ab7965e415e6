using System.Globalization;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// The global minimum of the unconstrained features model in closed form, where one is known: the value of
/// f(W, H, b) = (1/N) Σ_i L(W h_i + b, y_i) + λ_W/2 ‖W‖²_F + λ_H/2 ‖H‖²_F + λ_b/2 ‖b‖² and a minimiser.
/// </summary>
/// <remarks>
/// <para>
/// Both derivations reduce the problem to the product X = W G of the classifier and the scaled class means
/// G = [√n_1 μ_1 … √n_K μ_K] (d × K). Given X of rank r ≤ d, the least penalty λ_W/2 ‖W‖²_F + λ_H/2 ‖G‖²_F
/// over the factorisations W G = X is √(λ_W λ_H) ‖X‖_* (the variational form of the nuclear norm, Srebro, Rennie
/// &amp; Jaakkola 2005), reached by the balanced factors W = (λ_H/λ_W)^{1/4} U S^{1/2} Rᵀ and
/// G = (λ_W/λ_H)^{1/4} R S^{1/2} Vᵀ, with X = U S Vᵀ a thin SVD and R (d × r) any matrix with orthonormal columns.
/// Hence ‖W‖²_F = (λ_H/λ_W)^{1/2} Σ s, ‖H‖²_F = ‖G‖²_F = (λ_W/λ_H)^{1/2} Σ s, and the minimisers are unique up to
/// the rotation R. <see cref="OptimalPoint"/> builds them with R = the first r coordinate axes.
/// </para>
/// <para>
/// One-hot losses (<c>ce</c>, <c>ls</c>, <c>focal</c>), balanced classes (n each, N = nK), d ≥ K − 1: every global
/// minimiser is a simplex ETF with b = 0, or b ∝ 1 when λ_b = 0 (Zhu et al. 2021, "A Geometric Analysis of Neural
/// Collapse with Unconstrained Features", Thm 3.1, for CE; Zhou et al. 2022, "Are All Losses Created Equal: A
/// Neural Collapse Perspective", for label smoothing and focal). With W = αE, E Eᵀ = K/(K−1) (I − 11ᵀ/K) and
/// h_i = β e_{y_i}, each logit vector is p·[1 at y, −1/(K−1) elsewhere] with p = αβ, and the penalty
/// λ_W K α²/2 + λ_H N β²/2 is at least p √(K N λ_W λ_H), with equality when λ_W K α² = λ_H N β². So p minimises
/// g(p) = ℓ(p) + p √(K N λ_W λ_H), ℓ(p) the library's loss of that one logit vector (evaluated, with its first two
/// derivatives, by <see cref="Training.ClassificationLoss.Compute"/> and autograd in float64). For <c>ce</c> and
/// <c>ls</c> g is convex; for <c>focal</c> it need not be (for K ≳ 20 it can have a local minimum at 0 and another
/// at p &gt; 0), and a branch and bound finds the global one. p = 0 means W = H = 0, with objective ℓ(0)
/// (log K for CE, which happens exactly when √(K N λ_W λ_H) ≥ 1, since ℓ'(0) = −1).
/// </para>
/// <para>
/// Square loss with k = 1 (any M): for fixed W, b each h_i minimises a strictly convex function, so the features
/// collapse to their class means, and with c = 1/(N K) the objective becomes
/// c ‖W G + b (√n_k)ᵀ − M diag(√n_k)‖²_F + λ_W/2 ‖W‖²_F + λ_H/2 ‖G‖²_F + λ_b/2 ‖b‖². Let τ = √(λ_W λ_H)/(2c).
/// Without bias this is min_X c ‖X − A‖²_F + √(λ_W λ_H) ‖X‖_* with A = M diag(√n_k), rank X ≤ d; by von Neumann's
/// trace inequality X keeps A's singular vectors and the singular values s_k = max(|M|√n_k − τ, 0) of the
/// min(d, K) largest classes: orthogonal class means with ‖μ_k‖ = (λ_W/λ_H)^{1/4} √(s_k/n_k) and
/// ‖w_k‖ = (λ_H/λ_W)^{1/4} √s_k, small classes collapsing to zero first (Tirer &amp; Bruna 2022, balanced; Dang et
/// al. 2023, "Neural Collapse in Deep Linear Networks: From Balanced to Imbalanced Data", imbalanced). With a bias
/// and balanced classes, b's optimum is b = (2/K)(ȳ − z̄)/(2/K + λ_b) (ȳ, z̄ the mean target and mean logit
/// before the bias), which leaves c ‖(X − A)(I − P)‖²_F + c ω ‖(X − A) P‖²_F, P = 11ᵀ/K,
/// ω = λ_b/(2/K + λ_b). The problem is invariant under X ↦ Q X Qᵀ for every orthogonal Q with Q1 = 1 and strictly
/// convex in X when ω &gt; 0, so its minimiser is a(I − P) + a' P (times the sign of M): a = max(√n|M| − τ, 0) on
/// the K − 1 centred directions (a simplex ETF) and a' = max(√n|M| − τ/ω, 0) on the mean direction (a' = 0 when
/// λ_b = 0, the unregularised bias of Tirer &amp; Bruna 2022; Zhou et al. 2022, "On the Optimization Landscape of
/// Neural Collapse under MSE Loss"). When λ_b = 0 and d &lt; K − 1, any rank-d projection of the ETF is optimal.
/// </para>
/// <para>
/// No closed form is known, and <see cref="UfmPrediction.Exists"/> is false, for: λ_W = 0 or λ_H = 0 (W can grow
/// as H shrinks, so the infimum is in general not attained); one-hot losses with imbalanced classes (minority
/// collapse, Fang et al. 2021) or d &lt; K − 1; the square loss with k ≠ 1, with a bias and imbalanced classes, or
/// with λ_b &gt; 0 and an optimum of rank above d. tools/reference/ufm_reference.py checks every formula here
/// against a numerical minimisation of the full problem.
/// </para>
/// </remarks>
public static partial class UfmClosedForm
{
    /// <summary>The global minimum of <paramref name="problem"/> and the shape of its minimisers, or why none is known.</summary>
    /// <exception cref="InvalidInputException">The problem fails <see cref="UfmProblem.Validate"/>.</exception>
    public static UfmPrediction Predict(UfmProblem problem)
    {
        problem.Validate();
        var optimum = Solve(problem, out string reason);
        if (optimum is null) return new UfmPrediction { Exists = false, Reason = reason };
        double up = Math.Sqrt(Math.Sqrt(problem.LambdaH / problem.LambdaW));
        double down = Math.Sqrt(Math.Sqrt(problem.LambdaW / problem.LambdaH));
        double total = optimum.Singular.Sum();
        int classes = problem.Classes;
        var rowNorms = new double[classes];
        var meanNorms = new double[classes];
        for (int k = 0; k < classes; k++)
        {
            double left = 0, right = 0;
            for (int j = 0; j < optimum.Singular.Length; j++)
            {
                left += optimum.Left[k, j] * optimum.Left[k, j] * optimum.Singular[j];
                right += optimum.Right[k, j] * optimum.Right[k, j] * optimum.Singular[j];
            }
            rowNorms[k] = up * Math.Sqrt(left);
            meanNorms[k] = down * Math.Sqrt(right / problem.ClassSizes[k]);
        }
        return new UfmPrediction
        {
            Exists = true,
            Reason = reason,
            Objective = optimum.Objective,
            WeightNorm = up * Math.Sqrt(total),
            FeatureNorm = down * Math.Sqrt(total),
            BiasNorm = optimum.Bias is null ? null : Math.Sqrt(optimum.Bias.Sum(v => v * v)),
            ClassMeanNorms = optimum.ClassNormsDetermined ? meanNorms : null,
            ClassifierRowNorms = optimum.ClassNormsDetermined ? rowNorms : null,
            ProductSingularValues = ProductSingularValues(problem, optimum),
            FeatureRank = optimum.Singular.Length,
        };
    }

    /// <summary>
    /// A global minimiser (W, H, b) of <paramref name="problem"/> in its dtype, built from the closed form, or null
    /// when none is known. W's rows and the class means span the first r coordinate axes of R^d (r the rank of the
    /// optimum); every sample of a class has its class mean as features. A start for solvers, and a check that
    /// evaluating f at it gives <see cref="UfmPrediction.Objective"/>.
    /// </summary>
    /// <exception cref="InvalidInputException">The problem fails <see cref="UfmProblem.Validate"/>.</exception>
    public static UfmPoint? OptimalPoint(UfmProblem problem, Device? device = null)
    {
        problem.Validate();
        var optimum = Solve(problem, out _);
        if (optimum is null) return null;
        int classes = problem.Classes, dim = problem.Dim, rank = optimum.Singular.Length;
        double up = Math.Sqrt(Math.Sqrt(problem.LambdaH / problem.LambdaW));
        double down = Math.Sqrt(Math.Sqrt(problem.LambdaW / problem.LambdaH));
        var weight = new double[classes * dim];
        var means = new double[classes * dim];
        for (int k = 0; k < classes; k++)
        {
            for (int j = 0; j < rank; j++)
            {
                double root = Math.Sqrt(optimum.Singular[j]);
                weight[k * dim + j] = up * root * optimum.Left[k, j];
                means[k * dim + j] = down * root * optimum.Right[k, j] / Math.Sqrt(problem.ClassSizes[k]);
            }
        }
        using var scope = NewDisposeScope();
        var w = tensor(weight, [classes, dim], ScalarType.Float64);
        var h = tensor(means, [classes, dim], ScalarType.Float64).index_select(0, problem.Labels());
        var b = optimum.Bias is null ? null : tensor(optimum.Bias, ScalarType.Float64);
        return new UfmPoint(
            w.to(problem.DType, device ?? CPU).MoveToOuterDisposeScope(),
            h.to(problem.DType, device ?? CPU).MoveToOuterDisposeScope(),
            b?.to(problem.DType, device ?? CPU).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The optimum as X = W G = U diag(s) Vᵀ with <paramref name="Left"/> = U and <paramref name="Right"/> = V
    /// (K × r, orthonormal columns) and <paramref name="Singular"/> = s (r, all positive), plus b (null without
    /// bias) and whether the class-level norms are the same at every minimiser.
    /// </summary>
    private sealed record Optimum(
        double Objective, double[,] Left, double[] Singular, double[,] Right, double[]? Bias, bool ClassNormsDetermined);

    private static Optimum? Solve(UfmProblem problem, out string reason)
    {
        if (!(problem.LambdaW > 0 && problem.LambdaH > 0))
        {
            reason = "λ_W = 0 or λ_H = 0: W can grow as H shrinks, so the infimum is in general not attained; no closed form";
            return null;
        }
        return problem.Loss.Kind.Trim().ToLowerInvariant() == "mse" ? SquareLoss(problem, out reason) : OneHotLoss(problem, out reason);
    }

    /// <summary>Singular values of W [μ_1 … μ_K] = U diag(s) Vᵀ diag(1/√n_k), padded with zeros to K.</summary>
    private static double[] ProductSingularValues(UfmProblem problem, Optimum optimum)
    {
        int classes = problem.Classes, rank = optimum.Singular.Length;
        var values = new double[classes];
        if (rank == 0) return values;
        var product = new double[rank * classes];
        for (int j = 0; j < rank; j++)
            for (int k = 0; k < classes; k++)
                product[j * classes + k] = optimum.Singular[j] * optimum.Right[k, j] / Math.Sqrt(problem.ClassSizes[k]);
        using var scope = NewDisposeScope();
        var singular = linalg.svdvals(tensor(product, [rank, classes], ScalarType.Float64)).data<double>().ToArray();
        Array.Copy(singular, values, singular.Length);
        return values;
    }

    /// <summary>
    /// An orthonormal basis of the vectors orthogonal to 1 in R^K (the Helmert basis): column j has 1 in its first
    /// j + 1 entries and −(j + 1) in entry j + 1, divided by √((j + 1)(j + 2)).
    /// </summary>
    private static double[,] CentredBasis(int classes, int columns)
    {
        var basis = new double[classes, columns];
        for (int j = 0; j < columns; j++)
        {
            double scale = 1 / Math.Sqrt((j + 1.0) * (j + 2.0));
            for (int i = 0; i <= j; i++) basis[i, j] = scale;
            basis[j + 1, j] = -(j + 1) * scale;
        }
        return basis;
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
