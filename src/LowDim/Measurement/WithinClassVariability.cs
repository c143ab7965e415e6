using TorchSharp;
using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>
/// nc1 alone, for checks inside solver loops: the value <see cref="NeuralCollapse.Measure(Tensor, Tensor, int?, LinearClassifier?, NeuralCollapseOptions?)"/>
/// reports, by the same steps, without the other metrics.
/// </summary>
/// <remarks>
/// The class means come from <see cref="ClassMeansAccumulator"/>, the global mean, the thin SVD M_c = U S Vᵀ and the
/// rank kept in Σ_B† from <see cref="CentredMeans"/>, exactly as in <see cref="NeuralCollapse"/>; then
/// nc1 = (1/N) Σ_i Σ_{j&lt;r} (u_jᵀ(h_i − μ_{y_i}))²/s_j², with the per-sample products in the features' precision
/// and the sums over samples in float64. It differs from Measure's nc1 only by the rounding of one matrix product
/// (Measure multiplies by [U; Wᵀ] in chunks, this by U at once).
/// </remarks>
internal static class WithinClassVariability
{
    /// <summary>nc1 of features held in memory.</summary>
    /// <param name="features">(N, d) float32 or float64 features.</param>
    /// <param name="labels">(N) integer labels in 0..K−1.</param>
    /// <param name="classes">K.</param>
    /// <param name="options">Global mean and rank tolerance, as for Measure; chunking is not used.</param>
    public static double Nc1(Tensor features, Tensor labels, int classes, NeuralCollapseOptions? options = null)
    {
        options ??= NeuralCollapseOptions.Default;
        using var first = new ClassMeansAccumulator(classes, options);
        first.Add(features, labels);
        using var statistics = first.Complete();
        using var geometry = new CentredMeans(statistics, options);
        using var scope = NewDisposeScope();
        var computeType = FeatureBatch.ComputeType(statistics.FeatureType);
        var y = labels.to(ScalarType.Int64, features.device);
        var centred = statistics.Means.to(computeType).index_select(0, y).sub_(features.to(computeType));
        var basis = geometry.U.narrow(1, 0, geometry.Rank).to(computeType, features.device);
        var squares = centred.mm(basis).square().sum([0], type: ScalarType.Float64).cpu();
        double[] columnSquares = squares.data<double>().ToArray();
        double[] singular = geometry.Singular.data<double>().ToArray();
        double nc1 = 0;
        for (int j = 0; j < geometry.Rank; j++) nc1 += columnSquares[j] / (singular[j] * singular[j]);
        return nc1 / statistics.Samples;
    }
}
