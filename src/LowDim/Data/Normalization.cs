namespace LowDim.Data;

/// <summary>
/// Per-channel (images) or per-feature (vectors) statistics of a training split: inputs become
/// (x − <see cref="Mean"/>) / <see cref="Std"/>.
/// </summary>
/// <param name="Mean">One mean per channel or feature, of the inputs scaled to [0, 1].</param>
/// <param name="Std">
/// One population standard deviation (divided by the count, not count − 1) per channel or feature;
/// 1 where the deviation is 0, so that a constant channel is only centred.
/// </param>
public sealed record Normalization(IReadOnlyList<double> Mean, IReadOnlyList<double> Std);
