namespace LowDim.Measurement;

/// <summary>
/// Neural-collapse metrics of features h_i ∈ R^d with labels y_i ∈ {0..K−1}, in float64.
/// </summary>
/// <remarks>
/// Notation: n_k samples in class k, N in all; class means μ_k; global mean μ_G (see
/// <see cref="GlobalMean"/>); centred means M_c = [μ_k − μ_G] (d × K);
/// Σ_W = (1/N) Σ_i (h_i − μ_{y_i})(h_i − μ_{y_i})ᵀ; Σ_B = (1/K) M_c M_cᵀ; classifier W (K × d), b.
/// Classes without samples are left out of every class statistic (K counts the classes present)
/// and named in <see cref="Warnings"/>; predictions still range over all of W's rows.
/// Metrics that need the classifier are null when none was given.
/// </remarks>
public sealed record NeuralCollapseMetrics
{
    /// <summary>Number of samples N.</summary>
    public required long N { get; init; }

    /// <summary>Feature dimension d.</summary>
    public required long D { get; init; }

    /// <summary>Number of classes K the labels range over, including classes without samples.</summary>
    public required int K { get; init; }

    /// <summary>Classes with at least one sample; the K of every class statistic.</summary>
    public required int ClassesPresent { get; init; }

    /// <summary>The rank r of M_c kept in Σ_B† (at most K − 1 and at most d).</summary>
    public required int Rank { get; init; }

    /// <summary>The global-mean convention used.</summary>
    public required GlobalMean GlobalMean { get; init; }

    /// <summary>The relative singular-value cutoff used for the rank.</summary>
    public required double RankTolerance { get; init; }

    /// <summary>nc1 = tr(Σ_W Σ_B†)/K, with Σ_B† truncated to the rank of M_c; never negative.</summary>
    public required double Nc1 { get; init; }

    /// <summary>nc1_quotient = tr(Σ_W)/tr(Σ_B).</summary>
    public required double Nc1Quotient { get; init; }

    /// <summary>
    /// nc1_cdnv = mean over pairs k &lt; k' of (v_k + v_k')/(2‖μ_k − μ_k'‖²), v_k = mean ‖h − μ_k‖² in class k.
    /// </summary>
    public required double Nc1Cdnv { get; init; }

    /// <summary>nc2_equinorm = std/mean of ‖μ_k − μ_G‖ (std with K − 1 in the denominator).</summary>
    public required double Nc2Equinorm { get; init; }

    /// <summary>nc2_equinorm_w = std/mean of the norms of W's rows.</summary>
    public double? Nc2EquinormW { get; init; }

    /// <summary>nc2_equiangular = std of cos(μ_k − μ_G, μ_k' − μ_G) over the pairs k &lt; k'.</summary>
    public required double Nc2Equiangular { get; init; }

    /// <summary>nc2_maxangle = mean over k ≠ k' of |cos(μ_k − μ_G, μ_k' − μ_G) + 1/(K − 1)|.</summary>
    public required double Nc2Maxangle { get; init; }

    /// <summary>nc2_etf = ‖G/‖G‖_F − (I − 11ᵀ/K)/√(K − 1)‖_F with G = M_cᵀ M_c.</summary>
    public required double Nc2Etf { get; init; }

    /// <summary>nc2_etf_w = the same distance with G = W Wᵀ.</summary>
    public double? Nc2EtfW { get; init; }

    /// <summary>nc3 = ‖Wᵀ/‖W‖_F − M_c/‖M_c‖_F‖²_F (self-duality, squared as Papyan et al. plot it).</summary>
    public double? Nc3 { get; init; }

    /// <summary>nc3_zhu = the simplex-ETF distance of W M_c (Zhu et al. 2021).</summary>
    public double? Nc3Zhu { get; init; }

    /// <summary>nc4 = fraction of samples whose nearest class mean differs from argmax(W h + b).</summary>
    public double? Nc4 { get; init; }

    /// <summary>Fraction of samples with argmax(W h + b) = y.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Fraction of samples whose nearest class mean is their own class's.</summary>
    public required double NccAccuracy { get; init; }

    /// <summary>What the caller should know about the input, one line each (for example empty classes).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every metric by its name in <see cref="MetricNames"/>; null where it needs a classifier that was not given.</summary>
    public IReadOnlyList<KeyValuePair<string, double?>> ByName() =>
    [
        new(MetricNames.Nc1, Nc1),
        new(MetricNames.Nc1Quotient, Nc1Quotient),
        new(MetricNames.Nc1Cdnv, Nc1Cdnv),
        new(MetricNames.Nc2Equinorm, Nc2Equinorm),
        new(MetricNames.Nc2EquinormW, Nc2EquinormW),
        new(MetricNames.Nc2Equiangular, Nc2Equiangular),
        new(MetricNames.Nc2Maxangle, Nc2Maxangle),
        new(MetricNames.Nc2Etf, Nc2Etf),
        new(MetricNames.Nc2EtfW, Nc2EtfW),
        new(MetricNames.Nc3, Nc3),
        new(MetricNames.Nc3Zhu, Nc3Zhu),
        new(MetricNames.Nc4, Nc4),
        new(MetricNames.Accuracy, Accuracy),
        new(MetricNames.NccAccuracy, NccAccuracy),
    ];
}
