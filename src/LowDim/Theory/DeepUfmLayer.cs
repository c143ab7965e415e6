using LowDim.Measurement;

namespace LowDim.Theory;

/// <summary>
/// What a solved deep UFM looks like at layer l: the neural collapse of H_l, the spectrum of H_l and that of W_l.
/// </summary>
/// <param name="Layer">l, from 1 (the free features H_1) to L (the features the last layer classifies).</param>
/// <param name="Metrics">
/// The NC metrics of H_l; the metrics that need a classifier use (W_L, b) at l = L and are null at the other layers.
/// </param>
/// <param name="FeatureSingularValues">All min(N, d_l) singular values of H_l (N × d_l), descending, in float64.</param>
/// <param name="FeatureRank">The singular values of H_l above the rank cutoff τ·s_1 (see <see cref="DeepUfmSolveOptions.RankTolerance"/>).</param>
/// <param name="WeightSingularValues">All singular values of W_l, descending, in float64.</param>
/// <param name="WeightRank">The singular values of W_l above τ·s_1.</param>
public sealed record DeepUfmLayer(
    int Layer, NeuralCollapseMetrics Metrics, double[] FeatureSingularValues, int FeatureRank, double[] WeightSingularValues, int WeightRank)
{
    /// <summary>
    /// s_K/s_1 of H_l (0 when H_l has fewer than K singular values or is zero): near 0 when the K class means
    /// span fewer than K dimensions, of order 1 under deep neural collapse, where they span K (or K − 1).
    /// </summary>
    public double KthSingularValueRatio =>
        FeatureSingularValues.Length < Metrics.K || !(FeatureSingularValues[0] > 0) ? 0 : FeatureSingularValues[Metrics.K - 1] / FeatureSingularValues[0];
}
