using static TorchSharp.torch;

namespace LowDim.Measurement;

/// <summary>The Gram matrix G = M_cᵀ M_c of the centred class means, the matrix nc2_etf compares with a simplex ETF.</summary>
public static class CentredMeanGram
{
    /// <summary>
    /// (K', K') float64 CPU matrix with entries (μ_k − μ_G)ᵀ(μ_k' − μ_G) over the K' classes that have samples,
    /// centred on the global mean that <paramref name="options"/> names.
    /// </summary>
    public static double[,] Compute(ClassStatistics statistics, NeuralCollapseOptions? options = null)
    {
        using var geometry = new CentredMeans(statistics, options ?? NeuralCollapseOptions.Default);
        using var gram = geometry.Rows.mm(geometry.Rows.t());
        return ToArray(gram);
    }

    /// <summary>The (K, K) Gram matrix W Wᵀ of a classifier's weights, in float64.</summary>
    public static double[,] OfWeights(Tensor weight)
    {
        using var scope = NewDisposeScope();
        var w = weight.detach().to(ScalarType.Float64).cpu();
        return ToArray(w.mm(w.t()));
    }

    private static double[,] ToArray(Tensor square)
    {
        int k = (int)square.shape[0];
        var values = square.contiguous().data<double>().ToArray();
        var result = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                result[i, j] = values[i * k + j];
        return result;
    }
}
