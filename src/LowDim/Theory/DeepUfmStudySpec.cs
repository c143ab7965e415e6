namespace LowDim.Theory;

/// <summary>What <see cref="DeepUfmStudy.Run"/> does.</summary>
public sealed record DeepUfmStudySpec
{
    /// <summary>The problem.</summary>
    public required DeepUfmProblem Problem { get; init; }

    /// <summary>The solver, its limits and the first start's seed.</summary>
    public DeepUfmSolveOptions Solve { get; init; } = new();

    /// <summary>Random starts, or one structured start (then <see cref="Seeds"/> must be 1).</summary>
    public DeepUfmStart Start { get; init; } = DeepUfmStart.Random;

    /// <summary>The number of random starts (seeds Solve.Seed, Solve.Seed + 1, …).</summary>
    public int Seeds { get; init; } = 20;

    /// <summary>Starts whose objectives agree to this relative difference count as one value.</summary>
    public double LandscapeTolerance { get; init; } = 1e-8;
}
