using LowDim.Training;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// Checks of the UFM landscape that Zhu et al. 2021 prove for cross-entropy and Zhou et al. 2022 for the other
/// losses: every local minimum is global (many random starts reach one value) and other critical points are strict
/// saddles (the Hessian has a negative eigenvalue there).
/// </summary>
public static class UfmLandscape
{
    /// <summary>Solves from <see cref="UfmLandscapeOptions.Seeds"/> random starts and compares the objectives.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Starts, solver and tolerance.</param>
    /// <param name="onSolved">Called with each start's index and solution as it ends (the solution may be disposed after the call).</param>
    /// <param name="onTrace">Called with each start's index and measured iterations as they happen.</param>
    /// <param name="cancellation">Stops between iterations; the starts solved so far are returned.</param>
    /// <param name="device">Where to solve; null is the CPU.</param>
    /// <returns>The verdict over the starts and the solution of the start with the lowest objective (the caller disposes it).</returns>
    public static (UfmLandscapeResult Landscape, UfmSolution Best) Explore(
        UfmProblem problem, UfmLandscapeOptions options, Action<int, UfmSolution>? onSolved = null,
        Action<int, UfmTraceRow>? onTrace = null, CancellationToken cancellation = default, Device? device = null)
    {
        options.Validate();
        problem.Validate();
        var (landscape, best, traces) = ManyStarts.Run<UfmSolution, UfmTraceRow>(
            options.Seeds, options.RelativeTolerance,
            s =>
            {
                var solveOptions = options.Solve with { Seed = options.FirstSeed + s, Trace = options.Solve.Trace && (s == 0 || options.TraceEverySeed) };
                return UfmSolver.Solve(problem, solveOptions, onTrace is null ? null : row => onTrace(s, row), cancellation, device);
            },
            onSolved, cancellation);
        return (landscape with { SeedTraces = traces }, best);
    }

    /// <summary>
    /// The extreme Hessian eigenvalues of f at <paramref name="point"/>, by Lanczos on exact Hessian-vector products
    /// (double backward through the library's loss).
    /// </summary>
    public static HessianEigenvalues Hessian(UfmProblem problem, UfmPoint point, LanczosOptions? options = null)
    {
        problem.Validate();
        var loss = ClassificationLoss.Create(problem.Loss);
        using var labels = problem.Labels(point.Weight.device);
        return HessianSpectrum.Extremes(
            t => UfmObjective.Expression(problem, loss, labels, t[0], t[1], t.Length > 2 ? t[2] : null), point.Tensors, options);
    }

    /// <summary>
    /// The critical point W = 0, H = 0 with the bias at its best value for zero logits (b = 0 for balanced
    /// one-hot losses), found by L-BFGS from the origin: the gradients of W and H vanish there exactly, so only
    /// b moves. It is not a global minimum unless the weight decay collapses everything to zero.
    /// </summary>
    public static UfmSolution ZeroCriticalPoint(UfmProblem problem, CancellationToken cancellation = default, Device? device = null)
    {
        problem.Validate();
        using var origin = UfmPoint.Zero(problem, device);
        var options = new UfmSolveOptions
        {
            Minimizer = new MinimizerOptions { Method = MinimizerMethod.Lbfgs, MaxIterations = 200, GradientTolerance = problem.DType == ScalarType.Float64 ? 1e-12 : 1e-6 },
            Trace = false,
        };
        return UfmSolver.Solve(problem, origin, options, cancellation: cancellation);
    }
}
