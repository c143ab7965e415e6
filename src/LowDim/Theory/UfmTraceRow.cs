using LowDim.Measurement;

namespace LowDim.Theory;

/// <summary>The state of a UFM solve after an iteration.</summary>
/// <param name="Iteration">Iterations done (0 = the start point).</param>
/// <param name="Objective">f(W, H, b).</param>
/// <param name="GradientNorm">‖∇f‖₂ over all of W, H and b.</param>
/// <param name="Metrics">The NC metrics of H with classifier (W, b).</param>
/// <param name="Seconds">Seconds since the solve started, measurement excluded.</param>
public sealed record UfmTraceRow(int Iteration, double Objective, double GradientNorm, NeuralCollapseMetrics Metrics, double Seconds);
