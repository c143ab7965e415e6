namespace LowDim.Reporting.Plots;

/// <summary>
/// One panel of collapse metrics against epoch, as in the figures of Papyan, Han and Donoho (2020).
/// </summary>
/// <param name="FileName">The PNG's name.</param>
/// <param name="Title">The plot's title.</param>
/// <param name="Metrics">The metrics drawn, by their one name.</param>
/// <param name="Caption">The caption, which says what the ideal collapse value is.</param>
internal sealed record CollapsePanel(string FileName, string Title, IReadOnlyList<string> Metrics, string Caption)
{
    /// <summary>The metrics of the classifier alone (W), the same for both splits: drawn once.</summary>
    public static IReadOnlySet<string> WeightOnly { get; } = new HashSet<string> { "nc2_equinorm_w", "nc2_etf_w" };

    /// <summary>NC1 to NC4 in the order the report shows them.</summary>
    public static IReadOnlyList<CollapsePanel> All { get; } =
    [
        new("nc1.png", "NC1: within-class variability collapse", ["nc1", "nc1_cdnv"],
            "nc1 → 0 and nc1_cdnv → 0: each class's features collapse to their class mean."),
        new("nc2_equinorm.png", "NC2: equal norms", ["nc2_equinorm", "nc2_equinorm_w"],
            "nc2_equinorm → 0 and nc2_equinorm_w → 0: the centred class means, and the classifier's rows, have equal lengths."),
        new("nc2_angles.png", "NC2: equal and maximal angles", ["nc2_equiangular", "nc2_maxangle"],
            "nc2_equiangular → 0 and nc2_maxangle → 0: all pairs of centred class means meet at the same angle, whose cosine is −1/(K−1)."),
        new("nc2_etf.png", "NC2: distance to the simplex ETF", ["nc2_etf", "nc2_etf_w"],
            "nc2_etf → 0 and nc2_etf_w → 0: the normalised Gram matrix of the centred class means, and of the classifier, is the simplex ETF's."),
        new("nc3.png", "NC3: self-duality of classifier and class means", ["nc3", "nc3_zhu"],
            "nc3 → 0 and nc3_zhu → 0: the classifier's rows align with the centred class means."),
        new("nc4.png", "NC4: simplification to the nearest class mean", ["nc4"],
            "nc4 → 0: the network's prediction is the nearest class mean's."),
    ];
}
