namespace LowDim.Measurement;

/// <summary>Which global mean μ_G the between-class statistics are centred on.</summary>
public enum GlobalMean
{
    /// <summary>
    /// The mean of the class means, μ_G = (1/K) Σ_k μ_k (Papyan, Han and Donoho 2020). The default.
    /// </summary>
    Class,

    /// <summary>
    /// The mean of all samples, μ_G = (1/N) Σ_i h_i (Zhu et al. 2021). Equal to <see cref="Class"/>
    /// on balanced data only.
    /// </summary>
    Sample,
}
