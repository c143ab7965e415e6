namespace LowDim.Theory;

/// <summary>The state of a deep UFM solve after an iteration.</summary>
/// <param name="Iteration">Iterations done (0 = the start point).</param>
/// <param name="Objective">f(H_1, W_1..W_L, b).</param>
/// <param name="GradientNorm">‖∇f‖₂ over all of H_1, the W_l and b.</param>
/// <param name="Nc1">nc1 of each layer's features H_1..H_L, in layer order.</param>
/// <param name="Seconds">Seconds since the solve started, measurement excluded.</param>
public sealed record DeepUfmTraceRow(int Iteration, double Objective, double GradientNorm, IReadOnlyList<double> Nc1, double Seconds);
