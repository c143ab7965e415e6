namespace LowDim.Reporting;

/// <summary>One solve of a UFM as the report draws it: the measured iterations and what was measured there.</summary>
/// <param name="Label">The solve's name in legends and tables, for example "seed 0".</param>
/// <param name="Iterations">The measured iterations, increasing, each ≥ 0 (0 is the start point).</param>
/// <param name="Objective">f at each measured iteration.</param>
/// <param name="GradientNorm">‖∇f‖₂ at each measured iteration.</param>
/// <param name="Metrics">NC metrics by their one name (<c>nc1</c>, <c>nc2_etf</c>, …), a value per measured iteration;
/// NaN where a metric was not measured.</param>
public sealed record UfmReportSeries(
    string Label, int[] Iterations, double[] Objective, double[] GradientNorm, IReadOnlyDictionary<string, double[]> Metrics);
