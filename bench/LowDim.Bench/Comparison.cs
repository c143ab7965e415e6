namespace LowDim.Bench;

/// <summary>One K's results, side by side, and the targets they are held to.</summary>
internal sealed record Comparison(
    long N, long D, int K, IReadOnlyDictionary<string, double> OurSeconds, PeerResult Peer,
    long? PeakExtraBytes, long FeatureBytes, Agreement Agreement)
{
    /// <summary>All metrics with the classifier, best of the runs.</summary>
    public double Ours => OurSeconds[OurSide.Measure];

    public double ReadRatio => Ours / OurSeconds[OurSide.Read];

    public double SpeedupOverDxd => Peer.DxdSeconds / Ours;

    public double SpeedupOverLowrank => Peer.LowrankSeconds / Ours;

    /// <summary>The O(NK + dK) budget, counted as that many float32 values.</summary>
    public long BudgetBytes => (N * K + D * K) * sizeof(float);

    /// <summary>The targets of the measurement issue, at this K.</summary>
    public IReadOnlyList<Target> Targets =>
    [
        new("all metrics ≤ 0.2 s", Ours <= 0.2, $"{Ours:F3} s"),
        new("≤ 4× one read of the features", ReadRatio <= 4, $"{ReadRatio:F1}×"),
        new("≥ 20× faster than the peer's d×d", SpeedupOverDxd >= 20, $"{SpeedupOverDxd:F1}×"),
        new("≥ 5× faster than the peer's low-rank", SpeedupOverLowrank >= 5, $"{SpeedupOverLowrank:F1}×"),
        new("peak extra memory < 25% of the features", PeakExtraBytes < FeatureBytes / 4,
            PeakExtraBytes is long bytes ? $"{100.0 * bytes / FeatureBytes:F1}%" : "not measured (Linux only)"),
        new($"metrics agree with the peer's low-rank to {Agreement.Tolerance:G}", Agreement.Agrees,
            $"{Agreement.Relative:G2} ({Agreement.Metric})"),
    ];
}

/// <summary>A target, whether it was met, and the value that decided.</summary>
internal sealed record Target(string Name, bool Pass, string Value);
