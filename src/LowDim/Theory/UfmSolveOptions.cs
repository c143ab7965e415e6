namespace LowDim.Theory;

/// <summary>How <see cref="UfmSolver"/> solves a UFM.</summary>
public sealed record UfmSolveOptions
{
    /// <summary>Gradient descent or L-BFGS, with their limits and tolerance.</summary>
    public MinimizerOptions Minimizer { get; init; } = new();

    /// <summary>The seed of the random start point (entries N(0, <see cref="InitScale"/>²)).</summary>
    public long Seed { get; init; }

    /// <summary>The standard deviation of the random start point's entries.</summary>
    public double InitScale { get; init; } = 0.1;

    /// <summary>
    /// Whether to measure the NC metrics at log-spaced iterations (every iteration up to 10, then about 10% apart)
    /// and at the end, for <see cref="UfmSolution.Trace"/>. Off, only the end is measured.
    /// </summary>
    public bool Trace { get; init; } = true;

    /// <summary>Stop once nc1 is at or below this (checked every <see cref="TargetCheckEvery"/> iterations); null: no such stop.</summary>
    public double? Nc1Target { get; init; }

    /// <summary>How often, in iterations, nc1 is compared with <see cref="Nc1Target"/>.</summary>
    public int TargetCheckEvery { get; init; } = 10;
}
