using System.Diagnostics;
using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>
/// A deep UFM solved from many random starts: the best solution (its per-layer collapse and spectra) and whether all
/// starts reach one value. Unlike the plain UFM there is no closed form to compare with: for K &gt; 2 and three or
/// more layers the optimum can be of lower rank than deep neural collapse (Súkeník, Lampert &amp; Mondelli 2024).
/// </summary>
public static class DeepUfmStudy
{
    /// <summary>Runs the study.</summary>
    /// <param name="spec">Problem, solver and starts.</param>
    /// <param name="observer">Hears progress; null for none.</param>
    /// <param name="cancellation">Stops between iterations; <see cref="DeepUfmStudyResult.Cancelled"/> then says so.</param>
    /// <param name="device">Where to solve; null is the CPU.</param>
    /// <exception cref="InvalidInputException">A problem or options out of range, or a diverging gradient descent.</exception>
    public static DeepUfmStudyResult Run(DeepUfmStudySpec spec, IDeepUfmStudyObserver? observer = null, CancellationToken cancellation = default, Device? device = null)
    {
        Validate(spec);
        var clock = Stopwatch.StartNew();
        var (landscape, best, traces) = ManyStarts.Run<DeepUfmSolution, DeepUfmTraceRow>(
            spec.Seeds, spec.LandscapeTolerance,
            s =>
            {
                observer?.Solving(s, spec.Seeds);
                return spec.Start == DeepUfmStart.Random
                    ? DeepUfmSolver.Solve(spec.Problem, spec.Solve with { Seed = spec.Solve.Seed + s }, row => observer?.Traced(s, row), cancellation, device)
                    : SolveFrom(spec, row => observer?.Traced(s, row), cancellation, device);
            },
            observer is null ? null : observer.Solved, cancellation);
        return new DeepUfmStudyResult
        {
            Spec = spec,
            Best = best,
            Landscape = landscape,
            SeedTraces = traces,
            Cancelled = cancellation.IsCancellationRequested,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Checks the problem, the solver options, the starts, and that a structured start fits the problem.</summary>
    /// <exception cref="InvalidInputException">The first thing out of range, in one line.</exception>
    public static void Validate(DeepUfmStudySpec spec)
    {
        if (spec.Seeds < 1) throw new InvalidInputException($"--seeds must be at least 1, got {spec.Seeds}");
        if (spec.Start != DeepUfmStart.Random && spec.Seeds != 1)
            throw new InvalidInputException($"a structured start is one point: --seeds must be 1 with it, got {spec.Seeds}");
        spec.Solve.Minimizer.Validate();
        DeepUfmStarts.CheckFits(spec.Problem, spec.Start);
    }

    private static DeepUfmSolution SolveFrom(DeepUfmStudySpec spec, Action<DeepUfmTraceRow> onTrace, CancellationToken cancellation, Device? device)
    {
        using var start = spec.Start == DeepUfmStart.Collapsed
            ? DeepUfmStarts.Collapsed(spec.Problem, device: device)
            : DeepUfmStarts.StronglyRegularGraph(spec.Problem, device: device);
        return DeepUfmSolver.Solve(spec.Problem, start, spec.Solve, onTrace, cancellation);
    }
}
