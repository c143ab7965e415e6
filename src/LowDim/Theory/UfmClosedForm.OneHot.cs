using LowDim.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Theory;

public static partial class UfmClosedForm
{
    /// <summary>Width of the first cells of the focal loss's branch and bound; the loss changes on a scale of 1 in p.</summary>
    private const double ScanStep = 1.0 / 32;

    /// <summary>
    /// Width below which a cell of the branch and bound is no longer split. Its bound is loose by about 2·slope·width,
    /// so near a minimum, where g rises only quadratically, finer cells would multiply; Newton's method takes over.
    /// </summary>
    private const double CellTolerance = 1e-3;

    /// <summary>The simplex ETF of a one-hot loss (ce, ls, focal) with balanced classes; see the class remarks.</summary>
    private static Optimum? OneHotLoss(UfmProblem problem, out string reason)
    {
        int classes = problem.Classes;
        if (!problem.IsBalanced)
        {
            reason = "imbalanced classes: no closed form is known (the minority classes' classifiers collapse as the imbalance grows, Fang et al. 2021)";
            return null;
        }
        if (problem.Dim < classes - 1)
        {
            reason = $"d = {problem.Dim} < K − 1 = {classes - 1}: a simplex ETF does not fit in R^d; no closed form is known";
            return null;
        }
        int perClass = problem.ClassSizes[0];
        double samples = (double)perClass * classes;
        double slope = Math.Sqrt(classes * samples) * Math.Sqrt(problem.LambdaW) * Math.Sqrt(problem.LambdaH);
        var profile = new LogitScaleProfile(ClassificationLoss.Create(problem.Loss), classes);
        bool convex = problem.Loss.Kind.Trim().ToLowerInvariant() != "focal";
        double p = convex ? MinimiseConvex(profile, slope) : MinimiseDecreasing(profile, slope);
        double objective = profile.Value(p) + p * slope;
        double[]? bias = problem.Bias ? new double[classes] : null;
        string biasText = !problem.Bias ? "no bias" : problem.LambdaB > 0 ? "b = 0" : "b = 0 (any b ∝ 1 when λ_b = 0)";
        if (p == 0)
        {
            reason = $"features and classifier collapse to zero (W = 0, H = 0, {biasText}): the 1-D problem's minimum is at p = 0, "
                + $"√(K N λ_W λ_H) = {Number(slope)} ≥ −ℓ'(0) = {Number(-profile.Evaluate(0, false).First)}";
            return new Optimum(objective, new double[classes, 0], [], new double[classes, 0], bias, true);
        }
        reason = $"simplex ETF, {biasText}, scale from a 1-D problem: logit margin p = {Number(p)}";
        // X = α β √n E Eᵀ = p √n K/(K−1) (I − 11ᵀ/K): the centred basis with one singular value K − 1 times.
        var basis = CentredBasis(classes, classes - 1);
        var singular = Enumerable.Repeat(p * Math.Sqrt(perClass) * classes / (classes - 1.0), classes - 1).ToArray();
        return new Optimum(objective, basis, singular, basis, bias, true);
    }

    /// <summary>
    /// The global minimiser of g(p) = ℓ(p) + slope·p over p ≥ 0 for a convex ℓ (ce, ls: convex in the logits): 0 when
    /// g'(0) ≥ 0, else the root of g', bracketed by doubling (g' → slope &gt; 0 for ce, and ℓ' tends to a positive limit
    /// for ls) and found by a safeguarded Newton's method.
    /// </summary>
    private static double MinimiseConvex(LogitScaleProfile profile, double slope)
    {
        if (profile.Evaluate(0, false).First + slope >= 0) return 0;
        double low = 0, high = 1;
        while (profile.Evaluate(high, false).First + slope < 0)
        {
            low = high;
            high *= 2;
        }
        return SolveStationary(profile, slope, low, high);
    }

    /// <summary>
    /// The global minimiser of g(p) = ℓ(p) + slope·p over p ≥ 0 for the focal loss, which need not be convex in p but
    /// is positive and decreasing in p (the true class's probability q grows with p, and −(1 − q)^γ log q falls as q
    /// grows). A branch and bound: on a cell [a, b], g ≥ slope·a + ℓ(b), so a cell is dropped once that bound reaches
    /// the best value seen, cells past best/slope never need looking at (g(p) ≥ slope·p there), and the others are
    /// halved down to <see cref="CellTolerance"/>. Every global minimiser lies in a surviving cell; runs of adjacent
    /// cells make intervals, and in each the candidates are its ends and, where g' changes sign across it, the root
    /// Newton's method finds. The lowest candidate wins.
    /// </summary>
    private static double MinimiseDecreasing(LogitScaleProfile profile, double slope)
    {
        double bestValue = profile.Value(0);
        var cells = new Stack<(double Low, double High, double HighLoss)>();
        for (double low = 0; slope * low < bestValue;)
        {
            double high = low + Math.Max(ScanStep, low / 64);
            double loss = profile.Value(high);
            bestValue = Math.Min(bestValue, loss + slope * high);
            cells.Push((low, high, loss));
            low = high;
        }
        var leaves = new List<(double Low, double High, double HighLoss)>();
        while (cells.Count > 0)
        {
            var cell = cells.Pop();
            if (slope * cell.Low + cell.HighLoss >= bestValue) continue;
            if (cell.High - cell.Low <= CellTolerance)
            {
                leaves.Add(cell);
                continue;
            }
            double middle = 0.5 * (cell.Low + cell.High);
            double loss = profile.Value(middle);
            bestValue = Math.Min(bestValue, loss + slope * middle);
            cells.Push((cell.Low, middle, loss));
            cells.Push((middle, cell.High, cell.HighLoss));
        }
        var intervals = new List<(double Low, double High)>();
        foreach (var leaf in leaves.Where(c => slope * c.Low + c.HighLoss < bestValue).OrderBy(c => c.Low))
        {
            if (intervals.Count > 0 && intervals[^1].High >= leaf.Low) intervals[^1] = (intervals[^1].Low, leaf.High);
            else intervals.Add((leaf.Low, leaf.High));
        }
        double best = 0;
        bestValue = profile.Value(0);
        foreach (var (low, high) in intervals)
        {
            var candidates = new List<double> { low, high };
            if (profile.Evaluate(low, false).First + slope < 0 && profile.Evaluate(high, false).First + slope > 0)
                candidates.Add(SolveStationary(profile, slope, low, high));
            foreach (double p in candidates)
            {
                double value = profile.Value(p) + slope * p;
                if (value < bestValue) (best, bestValue) = (p, value);
            }
        }
        return best;
    }

    /// <summary>
    /// The root of g'(p) = ℓ'(p) + slope in [low, high], where g'(low) &lt; 0 &lt; g'(high): Newton's method with
    /// ℓ'' from autograd, falling back to bisection whenever a step leaves the bracket or the curvature is not
    /// positive, until the step or the bracket is at the level of float64 rounding.
    /// </summary>
    private static double SolveStationary(LogitScaleProfile profile, double slope, double low, double high)
    {
        double p = 0.5 * (low + high);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            var (_, first, second) = profile.Evaluate(p, true);
            double derivative = first + slope;
            if (derivative == 0) return p;
            if (derivative < 0) low = p;
            else high = p;
            double next = second > 0 ? p - derivative / second : double.NaN;
            if (!(next > low && next < high)) next = 0.5 * (low + high);
            if (Math.Abs(next - p) <= 1e-15 * p || high - low <= 4e-16 * high) return next;
            p = next;
        }
        return p;
    }

    /// <summary>
    /// ℓ(p): the library loss of the one logit vector p·[1, −1/(K−1), …, −1/(K−1)] with label 0, in float64 on the
    /// CPU, and its derivatives in p by autograd. By symmetry it is the mean loss of every balanced simplex-ETF point.
    /// </summary>
    private sealed class LogitScaleProfile(ClassificationLoss loss, int classes)
    {
        private readonly double[] direction =
            Enumerable.Range(0, classes).Select(j => j == 0 ? 1.0 : -1.0 / (classes - 1)).ToArray();

        /// <summary>ℓ(p) alone, without building a graph.</summary>
        public double Value(double p)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return loss.Compute(Logits(tensor(p, ScalarType.Float64)), zeros(1, ScalarType.Int64)).item<double>();
        }

        /// <summary>ℓ(p), ℓ'(p) and, when <paramref name="second"/>, ℓ''(p) (0 otherwise).</summary>
        public (double Value, double First, double Second) Evaluate(double p, bool second)
        {
            using var scope = NewDisposeScope();
            using var grad = enable_grad();
            var scale = tensor(p, ScalarType.Float64).requires_grad_();
            var value = loss.Compute(Logits(scale), zeros(1, ScalarType.Int64));
            // TorchSharp's retain_graph defaults to false even with create_graph (PyTorch's follows create_graph), and
            // the second derivative walks the first graph again: without it libtorch aborts the process.
            var first = autograd.grad([value], [scale], retain_graph: second, create_graph: second)[0];
            double curvature = second && first.requires_grad ? autograd.grad([first], [scale])[0].item<double>() : 0;
            return (value.item<double>(), first.item<double>(), curvature);
        }

        private Tensor Logits(Tensor scale) => scale * tensor(direction, [1, classes], ScalarType.Float64);
    }
}
