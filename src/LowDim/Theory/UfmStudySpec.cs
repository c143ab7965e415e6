using static TorchSharp.torch;

namespace LowDim.Theory;

/// <summary>What <see cref="UfmStudy.Run"/> does: solve a UFM from several starts, compare with theory, and optionally probe the Hessian.</summary>
public sealed record UfmStudySpec
{
    /// <summary>The problem.</summary>
    public required UfmProblem Problem { get; init; }

    /// <summary>The solver, its limits and the first start's seed (<see cref="UfmSolveOptions.Seed"/>).</summary>
    public UfmSolveOptions Solve { get; init; } = new();

    /// <summary>The number of random starts (seeds Solve.Seed, Solve.Seed + 1, …).</summary>
    public int Seeds { get; init; } = 20;

    /// <summary>Starts whose objectives agree to this relative difference count as one value (1e-8: float64 solutions).</summary>
    public double LandscapeTolerance { get; init; } = 1e-8;

    /// <summary>
    /// The relative distance to the closed-form objective within which the best solution counts as a global optimum;
    /// null: 1e-6 in float64, 1e-4 in float32.
    /// </summary>
    public double? OptimumTolerance { get; init; }

    /// <summary>Whether to find the smallest Hessian eigenvalue at the solution and at the critical point W = 0, H = 0.</summary>
    public bool Hessian { get; init; }

    /// <summary>How the Hessian eigenvalues are found.</summary>
    public LanczosOptions Lanczos { get; init; } = new();

    /// <summary>The tolerance in use for <see cref="OptimumTolerance"/>.</summary>
    public double ResolvedOptimumTolerance => OptimumTolerance ?? (Problem.DType == ScalarType.Float64 ? 1e-6 : 1e-4);
}
