namespace LowDim.Theory;

/// <summary>Where a minimisation stands after an iteration.</summary>
/// <param name="Iteration">Iterations done (0 = the start point).</param>
/// <param name="Value">f(x).</param>
/// <param name="GradientNorm">‖∇f(x)‖₂.</param>
/// <param name="Evaluations">Evaluations of f and ∇f so far (line searches take several).</param>
public sealed record MinimizerStep(int Iteration, double Value, double GradientNorm, int Evaluations);
