namespace LowDim.Reporting;

/// <summary>A run's geometry.json: the Gram matrices of the last measured epoch.</summary>
/// <param name="Epoch">The epoch they describe.</param>
/// <param name="Split">The split whose class means <paramref name="MeanGram"/> is made of.</param>
/// <param name="Classes">The number of classes K.</param>
/// <param name="MeanGram">(K, K) G = M_cᵀ M_c of the centred class means of the penultimate features, or null when absent.</param>
/// <param name="WeightGram">(K, K) W Wᵀ of the classifier head, or null when absent.</param>
public sealed record RunGeometry(int Epoch, string Split, int Classes, double[,]? MeanGram, double[,]? WeightGram);
