namespace LowDim.Theory;

/// <summary>How <see cref="Minimizer"/> runs.</summary>
public sealed record MinimizerOptions
{
    /// <summary>Plain gradient descent with a fixed step, or L-BFGS with a strong Wolfe line search.</summary>
    public MinimizerMethod Method { get; init; } = MinimizerMethod.Lbfgs;

    /// <summary>The most iterations (gradient steps, or L-BFGS steps with their line searches).</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>The step η of gradient descent, x ← x − η ∇f(x); unused by L-BFGS.</summary>
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Stop once ‖∇f(x)‖₂ is at or below this.</summary>
    public double GradientTolerance { get; init; } = 1e-10;

    /// <summary>The number of (s, y) pairs L-BFGS keeps.</summary>
    public int History { get; init; } = 10;

    /// <summary>
    /// The iterations after which the observer is called (iteration 0 is the start); it is always called after
    /// the last one. Null calls it after every iteration.
    /// </summary>
    public Func<int, bool>? ObserveAt { get; init; }

    /// <summary>Checks every field.</summary>
    /// <exception cref="InvalidInputException">The first field out of range, in one line.</exception>
    public void Validate()
    {
        if (MaxIterations < 0) throw new InvalidInputException($"--iterations must be ≥ 0, got {MaxIterations}");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new InvalidInputException($"--lr must be a finite number > 0, got {LearningRate}");
        if (!(GradientTolerance >= 0)) throw new InvalidInputException($"--tolerance must be ≥ 0, got {GradientTolerance}");
        if (History < 1) throw new InvalidInputException($"the L-BFGS history must be at least 1, got {History}");
    }
}
