namespace LowDim.Theory;

/// <summary>
/// What <see cref="UfmClosedForm.Predict"/> says about the global minimum of a <see cref="UfmProblem"/>: its value
/// and the size and shape of the minimisers (W, H, b), or why no closed form is known.
/// </summary>
/// <remarks>
/// Every quantity is one that all global minimisers share (the minimisers are unique only up to a rotation of
/// R^d, and sometimes more): a field is null when no closed form exists or when the minimisers differ in it.
/// Class means are μ_k = (1/n_k) Σ_{i: y_i = k} h_i; the optimum's features collapse to them (h_i = μ_{y_i}).
/// </remarks>
public sealed record UfmPrediction
{
    /// <summary>Whether a closed form is known for this problem; when false only <see cref="Reason"/> is set.</summary>
    public required bool Exists { get; init; }

    /// <summary>
    /// One line: the optimum's geometry (for example <c>simplex ETF, b = 0, scale from a 1-D problem</c>), or why no
    /// closed form is known.
    /// </summary>
    public required string Reason { get; init; }

    /// <summary>The global minimum of the objective f(W, H, b).</summary>
    public double? Objective { get; init; }

    /// <summary>‖W‖_F at the optimum.</summary>
    public double? WeightNorm { get; init; }

    /// <summary>‖H‖_F at the optimum.</summary>
    public double? FeatureNorm { get; init; }

    /// <summary>
    /// ‖b‖ at the optimum; null for a problem without bias. With a one-hot loss and λ_b = 0 every b ∝ 1 is optimal
    /// (the softmax ignores a shift); this is then the least-norm choice, 0.
    /// </summary>
    public double? BiasNorm { get; init; }

    /// <summary>‖μ_k‖ for each class k; null where the optimal class means are not unique up to a rotation.</summary>
    public IReadOnlyList<double>? ClassMeanNorms { get; init; }

    /// <summary>‖w_k‖ for each row of W; null where the optimal classifiers are not unique up to a rotation.</summary>
    public IReadOnlyList<double>? ClassifierRowNorms { get; init; }

    /// <summary>
    /// The K singular values, largest first, of the K × K matrix W [μ_1 … μ_K] whose entry (j, k) is the logit of
    /// class j at class k's mean, before the bias.
    /// </summary>
    public IReadOnlyList<double>? ProductSingularValues { get; init; }

    /// <summary>The rank of the optimal class means [μ_1 … μ_K] (d × K): K − 1 for a simplex ETF, 0 when they collapse.</summary>
    public int? FeatureRank { get; init; }
}
