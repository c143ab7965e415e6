using System.Diagnostics;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// The whole UFM experiment of Zhu et al. 2021 in one call: solve from many random starts, keep the best, compare it
/// with the closed-form optimum, and (on request) show by Lanczos on the exact Hessian that the solution is a local
/// minimum and W = 0, H = 0 a strict saddle.
/// </summary>
public static class UfmStudy
{
    /// <summary>Runs the study.</summary>
    /// <param name="spec">Problem, solver, starts and checks.</param>
    /// <param name="observer">Hears progress; null for none.</param>
    /// <param name="cancellation">Stops between iterations; <see cref="UfmStudyResult.Cancelled"/> then says so.</param>
    /// <param name="device">Where to solve; null is the CPU.</param>
    /// <exception cref="InvalidInputException">A problem or options out of range, or a diverging gradient descent.</exception>
    public static UfmStudyResult Run(UfmStudySpec spec, IUfmStudyObserver? observer = null, CancellationToken cancellation = default, Device? device = null)
    {
        var clock = Stopwatch.StartNew();
        spec.Problem.Validate();
        var prediction = UfmClosedForm.Predict(spec.Problem);
        var landscapeOptions = new UfmLandscapeOptions
        {
            Seeds = spec.Seeds, FirstSeed = spec.Solve.Seed, Solve = spec.Solve, TraceEverySeed = true, RelativeTolerance = spec.LandscapeTolerance,
        };
        int solving = -1;
        var (landscape, best) = UfmLandscape.Explore(
            spec.Problem, landscapeOptions,
            onSolved: (seed, solution) => observer?.Solved(seed, solution),
            onTrace: (seed, row) =>
            {
                if (seed != solving) observer?.Solving(solving = seed, spec.Seeds);
                observer?.Traced(seed, row);
            },
            cancellation, device);
        HessianEigenvalues? atSolution = null, atZero = null;
        UfmSolution? zero = null;
        if (spec.Hessian && !cancellation.IsCancellationRequested)
        {
            observer?.Stage("Hessian at the solution");
            atSolution = UfmLandscape.Hessian(spec.Problem, best.Point, spec.Lanczos);
            observer?.Stage("Hessian at W = 0, H = 0");
            zero = UfmLandscape.ZeroCriticalPoint(spec.Problem, cancellation, device);
            atZero = UfmLandscape.Hessian(spec.Problem, zero.Point, spec.Lanczos);
        }
        return new UfmStudyResult
        {
            Spec = spec,
            Best = best,
            Geometry = UfmGeometry.Of(spec.Problem, best.Point),
            Landscape = landscape,
            Prediction = prediction,
            SolutionHessian = atSolution,
            ZeroPoint = zero,
            ZeroHessian = atZero,
            Cancelled = cancellation.IsCancellationRequested,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }
}
