namespace LowDim.Reporting;

/// <summary>The singular values of one matrix of a deep UFM solution.</summary>
/// <param name="Label">The matrix's name, for example <c>H_1</c>, <c>W_2</c> or <c>W_L⋯W_1</c>.</param>
/// <param name="SingularValues">Its singular values in descending order.</param>
public sealed record UfmLayerSpectrum(string Label, double[] SingularValues);
