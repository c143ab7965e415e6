namespace LowDim.Theory;

public static partial class UfmClosedForm
{
    /// <summary>The square loss with k = 1; see the class remarks for the derivation.</summary>
    private static Optimum? SquareLoss(UfmProblem problem, out string reason)
    {
        if (problem.Loss.MseScale != 1)
        {
            reason = $"square loss with k = {Number(problem.Loss.MseScale)} ≠ 1: no closed form (the weight on the true class breaks the reduction to a weighted low-rank problem)";
            return null;
        }
        if (!problem.Bias) return SquareLossWithoutBias(problem, out reason);
        if (!problem.IsBalanced)
        {
            reason = "square loss with a bias and imbalanced classes: no closed form (the bias's direction does not separate from the classes')";
            return null;
        }
        return SquareLossWithBias(problem, out reason);
    }

    /// <summary>
    /// No bias, any class sizes: X = sign(M) diag(s_k) over the min(d, K) largest classes, s_k = max(|M|√n_k − τ, 0),
    /// objective c Σ_k (|M|√n_k − s_k)² + √(λ_W λ_H) Σ_k s_k.
    /// </summary>
    private static Optimum SquareLossWithoutBias(UfmProblem problem, out string reason)
    {
        int classes = problem.Classes, dim = problem.Dim;
        var (scale, root, threshold) = SquareLossConstants(problem);
        double target = Math.Abs(problem.Loss.MseTarget), sign = problem.Loss.MseTarget < 0 ? -1 : 1;
        var bySize = Enumerable.Range(0, classes).OrderByDescending(k => problem.ClassSizes[k]).ToArray();
        int kept = Math.Min(dim, classes);
        var shrunk = new double[classes];
        foreach (int k in bySize.Take(kept)) shrunk[k] = Math.Max(target * Math.Sqrt(problem.ClassSizes[k]) - threshold, 0);
        double objective = 0;
        for (int k = 0; k < classes; k++)
        {
            double residual = target * Math.Sqrt(problem.ClassSizes[k]) - shrunk[k];
            objective += scale * residual * residual + root * shrunk[k];
        }
        var active = bySize.Where(k => shrunk[k] > 0).ToArray();
        var left = new double[classes, active.Length];
        var right = new double[classes, active.Length];
        for (int j = 0; j < active.Length; j++)
        {
            left[active[j], j] = 1;
            right[active[j], j] = sign;
        }
        // With d < K and a tie in size across the cut, any rank-d projection inside the tied classes is optimal.
        bool tie = kept < classes && problem.ClassSizes[bySize[kept - 1]] == problem.ClassSizes[bySize[kept]] && shrunk[bySize[kept - 1]] > 0;
        int collapsed = Enumerable.Range(0, classes).Count(k => target * Math.Sqrt(problem.ClassSizes[k]) <= threshold);
        reason = "square loss without bias: orthogonal class means, s_k = max(|M|√n_k − √(λ_W λ_H) N K/2, 0)"
            + (active.Length == 0 ? "; features and classifier collapse to zero" : collapsed > 0 ? $"; {collapsed} of {classes} classes collapse to zero (minority collapse)" : "")
            + (kept < classes ? $"; d < K: the class means of the {kept} largest classes span R^d and the others are 0" : "")
            + (tie ? "; which of the equal-sized classes are kept is not unique" : "");
        return new Optimum(objective, left, active.Select(k => shrunk[k]).ToArray(), right, null, !tie);
    }

    /// <summary>
    /// A bias, balanced classes: X = sign(M) [a (I − P) + a' P] (restricted to a rank-d part of I − P when λ_b = 0 and
    /// d &lt; K − 1), b = (1 − ω)(M − sign(M) a'/√n)/K · 1.
    /// </summary>
    private static Optimum? SquareLossWithBias(UfmProblem problem, out string reason)
    {
        int classes = problem.Classes, dim = problem.Dim, perClass = problem.ClassSizes[0];
        var (scale, root, threshold) = SquareLossConstants(problem);
        double sign = problem.Loss.MseTarget < 0 ? -1 : 1;
        double target = Math.Abs(problem.Loss.MseTarget) * Math.Sqrt(perClass);
        double weight = problem.LambdaB / (2.0 / classes + problem.LambdaB);
        double centred = Math.Max(target - threshold, 0);
        double mean = weight > 0 ? Math.Max(target - threshold / weight, 0) : 0;
        int directions = problem.LambdaB > 0 ? classes - 1 : Math.Min(dim, classes - 1);
        int rank = (centred > 0 ? directions : 0) + (mean > 0 ? 1 : 0);
        if (rank > dim)
        {
            reason = $"square loss with bias: the optimum without a rank limit has rank {rank} > d = {dim}, and with λ_b > 0 the rank-limited problem has no closed form";
            return null;
        }
        double objective = scale * ((classes - 1 - directions) * target * target
                + directions * (target - centred) * (target - centred) + weight * (target - mean) * (target - mean))
            + root * (directions * centred + mean);
        var basis = CentredBasis(classes, classes - 1);
        var left = new double[classes, rank];
        var right = new double[classes, rank];
        var singular = new double[rank];
        for (int j = 0; j < rank; j++)
        {
            bool meanDirection = j == directions;
            singular[j] = meanDirection ? mean : centred;
            for (int k = 0; k < classes; k++)
            {
                left[k, j] = meanDirection ? 1 / Math.Sqrt(classes) : basis[k, j];
                right[k, j] = sign * left[k, j];
            }
        }
        double offset = (1 - weight) * (problem.Loss.MseTarget - sign * mean / Math.Sqrt(perClass)) / classes;
        var bias = Enumerable.Repeat(offset, classes).ToArray();
        bool unique = centred == 0 || directions == classes - 1;
        reason = centred == 0
            ? "square loss with bias: features and classifier collapse to zero, b = M/K·1 scaled by 2/(2 + K λ_b): √(λ_W λ_H) N K/2 ≥ |M|√n"
            : (directions < classes - 1 ? $"square loss with unregularised bias, d < K − 1: a rank-{directions} projection of a simplex ETF (not unique)"
                : "square loss with bias: simplex ETF")
              + (mean > 0 ? ", plus a component along the mean direction (rank K)" : "") + ", b ∝ 1";
        return new Optimum(objective, left, singular, right, bias, unique);
    }

    /// <summary>c = 1/(N K) (the loss's scale), √(λ_W λ_H), and the shrinkage τ = √(λ_W λ_H)/(2c).</summary>
    private static (double Scale, double Root, double Threshold) SquareLossConstants(UfmProblem problem)
    {
        double products = (double)problem.Samples * problem.Classes;
        double root = Math.Sqrt(problem.LambdaW) * Math.Sqrt(problem.LambdaH);
        return (1 / products, root, root * products / 2);
    }
}
