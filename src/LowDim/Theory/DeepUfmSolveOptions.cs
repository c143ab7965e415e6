namespace LowDim.Theory;

/// <summary>How <see cref="DeepUfmSolver"/> solves a deep UFM.</summary>
public sealed record DeepUfmSolveOptions
{
    /// <summary>Gradient descent or L-BFGS, with their limits and tolerance.</summary>
    public MinimizerOptions Minimizer { get; init; } = new();

    /// <summary>The seed of the random start point (see <see cref="DeepUfmPoint.Random"/>).</summary>
    public long Seed { get; init; }

    /// <summary>The typical norm s of a feature vector h_i at the random start: H_1's entries are N(0, s²/d_1), W_l's N(0, 1/d_l).</summary>
    public double InitScale { get; init; } = 1.0;

    /// <summary>
    /// Whether to measure nc1 of every layer at log-spaced iterations (every iteration up to 10, then about 10%
    /// apart) and at the end, for <see cref="DeepUfmSolution.Trace"/>. Off, only the end is measured.
    /// </summary>
    public bool Trace { get; init; } = true;

    /// <summary>
    /// Stop once every layer's nc1 is at or below this (checked every <see cref="TargetCheckEvery"/> iterations);
    /// null: no such stop.
    /// </summary>
    public double? Nc1Target { get; init; }

    /// <summary>How often, in iterations, the layers' nc1 are compared with <see cref="Nc1Target"/>.</summary>
    public int TargetCheckEvery { get; init; } = 10;

    /// <summary>
    /// The relative cutoff τ of numerical ranks: a singular value s counts when s &gt; τ·s_1. It is also the rank
    /// cutoff of the class means in every layer's nc1 (<see cref="Measurement.NeuralCollapseOptions.RankTolerance"/>).
    /// </summary>
    /// <remarks>
    /// The default 1e-3 is far above float64 rounding (1e-16) on purpose: the directions a solution keeps sit
    /// within a small factor of s_1, while a direction the solver is removing shrinks only geometrically, by about
    /// (1 − ηλ) per gradient step, and after thousands of steps still stands at 1e-2 to 1e-4 of s_1. A cutoff near
    /// machine precision would count those as rank and put their tiny class-mean separation into nc1's Σ_B†.
    /// For solutions converged to a gradient norm near 1e-10, lower it to 1e-6.
    /// </remarks>
    public double RankTolerance { get; init; } = 1e-3;
}
