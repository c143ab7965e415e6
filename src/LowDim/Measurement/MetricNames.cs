namespace LowDim.Measurement;

/// <summary>
/// The one name of every metric, used in code, JSON, CSV columns and plots alike.
/// The definitions are in <see cref="NeuralCollapseMetrics"/>.
/// </summary>
public static class MetricNames
{
#pragma warning disable CS1591 // Each constant is its own documentation; see NeuralCollapseMetrics.
    public const string Nc1 = "nc1";
    public const string Nc1Quotient = "nc1_quotient";
    public const string Nc1Cdnv = "nc1_cdnv";
    public const string Nc2Equinorm = "nc2_equinorm";
    public const string Nc2EquinormW = "nc2_equinorm_w";
    public const string Nc2Equiangular = "nc2_equiangular";
    public const string Nc2Maxangle = "nc2_maxangle";
    public const string Nc2Etf = "nc2_etf";
    public const string Nc2EtfW = "nc2_etf_w";
    public const string Nc3 = "nc3";
    public const string Nc3Zhu = "nc3_zhu";
    public const string Nc4 = "nc4";
    public const string Accuracy = "accuracy";
    public const string NccAccuracy = "ncc_accuracy";
#pragma warning restore CS1591

    /// <summary>Every metric, in the order tables and files list them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Nc1, Nc1Quotient, Nc1Cdnv, Nc2Equinorm, Nc2EquinormW, Nc2Equiangular, Nc2Maxangle,
        Nc2Etf, Nc2EtfW, Nc3, Nc3Zhu, Nc4, Accuracy, NccAccuracy,
    ];

    /// <summary>The metrics that need the classifier's weights and are absent without them.</summary>
    public static IReadOnlySet<string> NeedClassifier { get; } = new HashSet<string>
    {
        Nc2EquinormW, Nc2EtfW, Nc3, Nc3Zhu, Nc4, Accuracy,
    };
}
